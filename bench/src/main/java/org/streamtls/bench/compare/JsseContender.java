package org.streamtls.bench.compare;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;

/**
 * The JDK's own TLS (SunJSSE): SSLServerSocket and SSLSocket with the same certificates, the same
 * one cipher suite and X25519. The client checks the name (HTTPS endpoint identification) as
 * StreamTLS does, and forgets its sessions after each connection so every handshake is full.
 */
final class JsseContender implements Contender {

    static final String NAME = "JSSE";
    private static final char[] PASSWORD = "bench".toCharArray();
    private static final Method SET_NAMED_GROUPS = namedGroupsSetter();

    static {
        // JDK 17-19 have no per-socket setting for the key-exchange groups: X25519 first, for all.
        if (System.getProperty("jdk.tls.namedGroups") == null) {
            System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
        }
    }

    private final Map<KeyType, SSLContext> serverContexts = new EnumMap<>(KeyType.class);
    private final Map<KeyType, SSLContext> clientContexts = new EnumMap<>(KeyType.class);
    private final AtomicLong keyUses = new AtomicLong();

    JsseContender(Pki pki) {
        try {
            for (KeyType type : Pki.KEY_TYPES) {
                Identity server = pki.server(type);
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("server", server.privateKey(), PASSWORD,
                        server.chain().toArray(new X509Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, PASSWORD);
                KeyManager[] managers = kmf.getKeyManagers();
                for (int i = 0; i < managers.length; i++) {
                    if (managers[i] instanceof X509KeyManager) {
                        managers[i] = new CountingKeyManager((X509KeyManager) managers[i], keyUses);
                    }
                }
                SSLContext serverContext = SSLContext.getInstance("TLS");
                serverContext.init(managers, null, null);
                serverContexts.put(type, serverContext);

                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("root", pki.root(type));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext clientContext = SSLContext.getInstance("TLS");
                clientContext.init(null, tmf.getTrustManagers(), null);
                clientContexts.put(type, clientContext);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up JSSE", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isTls() {
        return true;
    }

    @Override
    public ServerLoop listen(Scenario scenario, ThreadKind threads, ServerLoop.Work work) throws IOException {
        SSLServerSocket server = (SSLServerSocket) serverContexts.get(scenario.keyType()).getServerSocketFactory()
                .createServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        restrict(parameters, scenario);
        server.setSSLParameters(parameters);
        return new ServerLoop(server, threads, socket -> {
            SSLSocket tls = (SSLSocket) socket;
            tls.startHandshake();
            return new PlainTcpContender.SocketEndpoint(tls, describe(tls.getSession()));
        }, work);
    }

    @Override
    public Endpoint connect(int port, Scenario scenario) throws IOException {
        SSLContext context = clientContexts.get(scenario.keyType());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CLIENT_TIMEOUT_SECONDS * 1000);
            SSLParameters parameters = socket.getSSLParameters();
            restrict(parameters, scenario);
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new PlainTcpContender.SocketEndpoint(socket, describe(socket.getSession())) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        forgetSessions(context.getClientSessionContext());
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public long fullHandshakes() {
        return keyUses.get();
    }

    private static void restrict(SSLParameters parameters, Scenario scenario) {
        parameters.setProtocols(new String[] {scenario.jsseProtocol()});
        parameters.setCipherSuites(new String[] {scenario.suiteName()});
        if (SET_NAMED_GROUPS != null) {
            try {
                SET_NAMED_GROUPS.invoke(parameters, (Object) new String[] {"x25519"});
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot set JSSE's named groups", e);
            }
        }
    }

    private static String describe(SSLSession session) {
        return session.getProtocol() + " " + session.getCipherSuite();
    }

    /** Invalidates every cached client session (TLS 1.3 tickets included), so no handshake resumes. */
    private static void forgetSessions(SSLSessionContext sessions) {
        for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
            SSLSession session = sessions.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
    }

    private static Method namedGroupsSetter() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class); // JDK 20+
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Delegates to JSSE's key manager and counts private-key look-ups: one per full handshake. */
    private static final class CountingKeyManager extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final AtomicLong uses;

        CountingKeyManager(X509KeyManager delegate, AtomicLong uses) {
            this.delegate = delegate;
            this.uses = uses;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return delegate instanceof X509ExtendedKeyManager
                    ? ((X509ExtendedKeyManager) delegate).chooseEngineServerAlias(keyType, issuers, engine)
                    : delegate.chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            uses.incrementAndGet();
            return delegate.getPrivateKey(alias);
        }
    }
}
