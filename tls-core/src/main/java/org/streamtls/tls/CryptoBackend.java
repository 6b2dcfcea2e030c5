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
 * <p>Default: {@link #defaultBackend()}. Measure before choosing another: the {@code bench} module's
 * record-protection benchmarks compare the three on the same buffers.
 *
 * <p>Thread-safety: a backend is immutable and shared by many connections. {@link #newTlsCrypto()}
 * is called once per connection and may return the same thread-safe {@link TlsCrypto} every time
 * (the shipped backends do, as BouncyCastle's own JSSE provider does: it keeps the JCA backend's
 * cache of supported algorithms warm).
 */
public interface CryptoBackend {

    /** A short name for logs and benchmark tables, e.g. "default", "bc", "jca:SunJCE". */
    String name();

    /**
     * The BouncyCastle crypto object for one connection (possibly shared with other connections:
     * it must be thread-safe).
     */
    TlsCrypto newTlsCrypto();

    /**
     * The default: BouncyCastle's lightweight crypto for the handshake (X25519, ECDSA, RSA and
     * RSA-PSS, the ML-KEM hybrid groups such as X25519MLKEM768, HKDF), where it is 1.75-3x faster than
     * the JCA, and the JDK's own AES-128/256-GCM and ChaCha20-Poly1305 (SunJCE, with its AES-NI, GHASH
     * and vector intrinsics) for TLS 1.2 and 1.3 record protection. Works on JDK 17 and newer.
     *
     * <p>Record protection reuses one buffer per direction and connection, so encrypting and
     * decrypting a record allocates nothing proportional to its size. Where the JDK lacks one of the
     * algorithms (or for DTLS), BouncyCastle's own implementation protects the records instead.
     * Not for FIPS deployments: use {@link #jca(java.security.Provider)} with the FIPS provider.
     * Its name is "default".
     */
    static CryptoBackend defaultBackend() {
        return org.streamtls.tls.internal.crypto.CryptoBackends.defaultBackend();
    }

    /**
     * BouncyCastle's lightweight crypto only: no JCA provider is used, so it behaves the same on
     * every JVM. Fast handshakes, but slow record protection (about 150 MB/s for AES-GCM, no
     * intrinsics) and one new array per record. Its name is "bc".
     */
    static CryptoBackend pureBouncyCastle() {
        return org.streamtls.tls.internal.crypto.CryptoBackends.pureBouncyCastle();
    }

    /**
     * Everything through the given JCA provider, e.g. {@code BouncyCastleProvider}, a
     * BouncyCastle FIPS provider or a PKCS#11 provider: key exchange, signatures, record protection,
     * and random numbers when the provider has a SecureRandom (its "DEFAULT" one if it has one). The
     * provider must offer everything the configured suites, groups and signature schemes need; the
     * JDK's SunJCE alone does not (no elliptic curves). Its name is "jca:" and the provider's name.
     *
     * @throws NullPointerException if {@code provider} is null
     */
    static CryptoBackend jca(java.security.Provider provider) {
        return org.streamtls.tls.internal.crypto.CryptoBackends.jca(provider);
    }
}
