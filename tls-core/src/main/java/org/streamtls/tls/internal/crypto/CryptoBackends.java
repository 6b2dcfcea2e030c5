package org.streamtls.tls.internal.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.streamtls.tls.CryptoBackend;

/** The shipped crypto backends behind {@link CryptoBackend}'s factory methods. */
public final class CryptoBackends {

    private static final CryptoBackend DEFAULT =
            new SharedCryptoBackend("default", new ComposedTlsCrypto(new SecureRandom()));

    private static final CryptoBackend PURE_BOUNCY_CASTLE =
            new SharedCryptoBackend("bc", new BcTlsCrypto(new SecureRandom()));

    private CryptoBackends() {
    }

    /** BouncyCastle's handshake arithmetic with the JDK's AEAD record protection. */
    public static CryptoBackend defaultBackend() {
        return DEFAULT;
    }

    /** BouncyCastle's lightweight crypto only. */
    public static CryptoBackend pureBouncyCastle() {
        return PURE_BOUNCY_CASTLE;
    }

    /**
     * Everything through {@code provider}, including the random numbers when the provider has a
     * SecureRandom of its own (as the BouncyCastle and BouncyCastle FIPS providers do).
     */
    public static CryptoBackend jca(Provider provider) {
        Objects.requireNonNull(provider, "provider");
        SecureRandom random = randomOf(provider);
        return new SharedCryptoBackend("jca:" + provider.getName(),
                new JcaTlsCryptoProvider().setProvider(provider).create(random));
    }

    /** The provider's "DEFAULT" DRBG, else its first SecureRandom, else the platform default. */
    private static SecureRandom randomOf(Provider provider) {
        Provider.Service service = provider.getService("SecureRandom", "DEFAULT");
        if (service == null) {
            service = provider.getServices().stream()
                    .filter(s -> "SecureRandom".equals(s.getType()))
                    .findFirst().orElse(null);
        }
        if (service != null) {
            try {
                return SecureRandom.getInstance(service.getAlgorithm(), provider);
            } catch (NoSuchAlgorithmException e) {
                // Listed but unusable: fall through to the platform default.
            }
        }
        return new SecureRandom();
    }
}
