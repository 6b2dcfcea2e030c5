package org.streamtls.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Wraps a backend's {@link TlsCrypto} and remembers every record cipher BouncyCastle creates through
 * it, so a benchmark can drive the exact cipher a real connection uses.
 */
final class CipherCapture implements InvocationHandler {

    final TlsCrypto target;
    final List<TlsCipher> ciphers = new CopyOnWriteArrayList<>();

    CipherCapture(TlsCrypto target) {
        this.target = target;
    }

    TlsCrypto proxy() {
        return (TlsCrypto) Proxy.newProxyInstance(TlsCrypto.class.getClassLoader(),
                new Class<?>[] {TlsCrypto.class}, this);
    }

    /** The cipher made last: the one protecting application data. */
    TlsCipher last() {
        return ciphers.get(ciphers.size() - 1);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof TlsCipher && "createCipher".equals(method.getName())) {
            ciphers.add((TlsCipher) result);
        }
        return result;
    }
}
