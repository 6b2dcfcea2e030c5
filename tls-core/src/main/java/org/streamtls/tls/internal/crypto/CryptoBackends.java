package org.streamtls.tls.internal.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.streamtls.tls.CryptoBackend;

/** The shipped crypto backends. Placeholder until the crypto-backend work lands: all use BcTlsCrypto or plain JCA. */
public final class CryptoBackends {

    private CryptoBackends() {
    }

    public static CryptoBackend defaultBackend() {
        return pureBouncyCastle();
    }

    public static CryptoBackend pureBouncyCastle() {
        return new CryptoBackend() {
            @Override
            public String name() {
                return "bc";
            }

            @Override
            public TlsCrypto newTlsCrypto() {
                return new BcTlsCrypto(new SecureRandom());
            }
        };
    }

    public static CryptoBackend jca(Provider provider) {
        return new CryptoBackend() {
            @Override
            public String name() {
                return "jca:" + provider.getName();
            }

            @Override
            public TlsCrypto newTlsCrypto() {
                return new JcaTlsCryptoProvider().setProvider(provider).create(new SecureRandom());
            }
        };
    }
}
