package org.streamtls.tls;

import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Where a TLS connection's cryptography comes from: key exchange, signatures and record
 * protection. The biggest performance lever in StreamTLS, and the switch for FIPS or
 * provider-bound deployments.
 *
 * <ul>
 *   <li>{@link #defaultBackend()}: the fastest correct composition measured on this JVM — see its
 *       documentation;</li>
 *   <li>{@link #pureBouncyCastle()}: BouncyCastle's lightweight crypto only, no JCA provider at all
 *       (provider-independent, slow record protection);</li>
 *   <li>{@link #jca(java.security.Provider)}: everything through one JCA provider (a FIPS provider,
 *       PKCS#11).</li>
 * </ul>
 *
 * <p>A backend is immutable and shared by many connections; {@link #newTlsCrypto()} is called once
 * per connection.
 */
public interface CryptoBackend {

    /** A short name for logs and benchmark tables, e.g. "default", "bc", "jca:SunJCE". */
    String name();

    /** The BouncyCastle crypto object for one connection. */
    TlsCrypto newTlsCrypto();

    /**
     * The default: BouncyCastle's fast handshake arithmetic with record protection (AES-GCM,
     * ChaCha20-Poly1305) on the JDK's intrinsics, working on JDK 17 and newer with RSA-PSS,
     * ChaCha20-Poly1305 and the ML-KEM hybrid groups.
     */
    static CryptoBackend defaultBackend() {
        return org.streamtls.tls.internal.crypto.CryptoBackends.defaultBackend();
    }

    /** BouncyCastle's lightweight crypto only: no JCA provider is used. */
    static CryptoBackend pureBouncyCastle() {
        return org.streamtls.tls.internal.crypto.CryptoBackends.pureBouncyCastle();
    }

    /** Everything through the given JCA provider (e.g. a FIPS provider or a PKCS#11 provider). */
    static CryptoBackend jca(java.security.Provider provider) {
        return org.streamtls.tls.internal.crypto.CryptoBackends.jca(provider);
    }
}
