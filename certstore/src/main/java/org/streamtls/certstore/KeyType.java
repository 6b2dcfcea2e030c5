package org.streamtls.certstore;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * The kinds of key {@link CertificateBuilder} can generate.
 *
 * <p>{@link #EC_P256} is the default: fast to generate and to sign with, and accepted by every
 * TLS 1.2/1.3 peer. RSA key generation is slow (tens to hundreds of milliseconds): tests should
 * generate RSA keys once and pass them to {@link CertificateBuilder#keyPair}.
 */
public enum KeyType {
    /** ECDSA on NIST P-256 (secp256r1); signatures SHA256withECDSA. */
    EC_P256("EC", 256),
    /** RSA 2048 bits; signatures SHA256withRSA. */
    RSA_2048("RSA", 2048),
    /** RSA 3072 bits; signatures SHA256withRSA. */
    RSA_3072("RSA", 3072),
    /** EdDSA on Curve25519 (RFC 8410); signatures Ed25519. */
    ED25519("Ed25519", 255);

    private final String algorithm;
    private final int bits;

    KeyType(String algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    /** The JCA key algorithm as TLS code names it: "EC", "RSA" or "Ed25519". */
    public String algorithm() {
        return algorithm;
    }

    /** The key size in bits (255 for Ed25519). */
    public int bits() {
        return bits;
    }

    /**
     * Generates a fresh key pair with the JDK's providers.
     *
     * @throws IllegalStateException if the runtime lacks the algorithm (it cannot on JDK 17+)
     */
    public KeyPair generateKeyPair() {
        try {
            switch (this) {
                case EC_P256: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    return g.generateKeyPair();
                }
                case RSA_2048:
                case RSA_3072: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(bits);
                    return g.generateKeyPair();
                }
                case ED25519:
                    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default:
                    throw new AssertionError(this);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key pair", e);
        }
    }
}
