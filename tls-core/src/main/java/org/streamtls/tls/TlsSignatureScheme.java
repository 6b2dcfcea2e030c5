package org.streamtls.tls;

import java.util.List;

/**
 * A signature algorithm for handshake signatures and certificates. SHA-1 and SHA-224 schemes are
 * deliberately absent.
 *
 * <p>The default list is every constant in declaration order: ECDSA, EdDSA, RSA-PSS, then
 * RSA PKCS#1 v1.5 (TLS 1.3 uses PKCS#1 v1.5 only for certificate signatures).
 */
public enum TlsSignatureScheme {
    ECDSA_SECP256R1_SHA256(0x0403),
    ECDSA_SECP384R1_SHA384(0x0503),
    ECDSA_SECP521R1_SHA512(0x0603),
    ED25519(0x0807),
    ED448(0x0808),
    RSA_PSS_RSAE_SHA256(0x0804),
    RSA_PSS_RSAE_SHA384(0x0805),
    RSA_PSS_RSAE_SHA512(0x0806),
    RSA_PSS_PSS_SHA256(0x0809),
    RSA_PSS_PSS_SHA384(0x080A),
    RSA_PSS_PSS_SHA512(0x080B),
    RSA_PKCS1_SHA256(0x0401),
    RSA_PKCS1_SHA384(0x0501),
    RSA_PKCS1_SHA512(0x0601);

    private final int ianaCode;

    TlsSignatureScheme(int ianaCode) {
        this.ianaCode = ianaCode;
    }

    /** The scheme's number in the IANA registry, e.g. 0x0403. */
    public int ianaCode() {
        return ianaCode;
    }

    /** Every constant, in declaration order. */
    public static List<TlsSignatureScheme> defaults() {
        return List.of(values());
    }
}
