package org.streamtls.tls;

import java.util.List;

/**
 * A key-exchange group: elliptic curves and the ML-KEM hybrids (post-quantum key agreement
 * combined with a classical curve).
 *
 * <p>The default offer, in preference order, is {@link #X25519MLKEM768}, {@link #X25519},
 * {@link #SECP256R1}, {@link #SECP384R1}; a group the connection's crypto backend cannot compute is
 * left out of the offer automatically. Hybrids apply to TLS 1.3 only.
 */
public enum TlsNamedGroup {
    /** ML-KEM-768 combined with X25519 (the hybrid browsers deploy); TLS 1.3 only. */
    X25519MLKEM768(4588),
    X25519(29),
    /** NIST P-256. */
    SECP256R1(23),
    /** NIST P-384. */
    SECP384R1(24),
    /** NIST P-521. */
    SECP521R1(25),
    X448(30),
    /** ML-KEM-768 combined with P-256; TLS 1.3 only. */
    SECP256R1MLKEM768(4587),
    /** ML-KEM-1024 combined with P-384; TLS 1.3 only. */
    SECP384R1MLKEM1024(4589);

    private final int ianaCode;

    TlsNamedGroup(int ianaCode) {
        this.ianaCode = ianaCode;
    }

    /** The group's number in the IANA registry, e.g. 29 for X25519. */
    public int ianaCode() {
        return ianaCode;
    }

    /** True for the ML-KEM hybrids, which only TLS 1.3 can negotiate. */
    public boolean isHybrid() {
        return ianaCode >= 4587 && ianaCode <= 4589;
    }

    /** The default offer, in preference order (before filtering by what the crypto backend supports). */
    public static List<TlsNamedGroup> defaults() {
        return List.of(X25519MLKEM768, X25519, SECP256R1, SECP384R1);
    }
}
