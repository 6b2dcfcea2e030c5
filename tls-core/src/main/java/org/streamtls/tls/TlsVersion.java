package org.streamtls.tls;

/**
 * A TLS protocol version StreamTLS can negotiate. There is deliberately nothing below TLS 1.2:
 * SSL 3.0, TLS 1.0 and TLS 1.1 cannot be configured at all.
 *
 * <p>Both versions are enabled by default; the highest version both peers support wins.
 */
public enum TlsVersion {
    /** TLS 1.2 (RFC 5246), with AEAD cipher suites and ECDHE only. */
    TLS_1_2(0x0303, "TLSv1.2"),
    /** TLS 1.3 (RFC 8446). */
    TLS_1_3(0x0304, "TLSv1.3");

    private final int wireCode;
    private final String displayName;

    TlsVersion(int wireCode, String displayName) {
        this.wireCode = wireCode;
        this.displayName = displayName;
    }

    /** The two-byte version number on the wire, e.g. 0x0304. */
    public int wireCode() {
        return wireCode;
    }

    /** The conventional name, "TLSv1.2" or "TLSv1.3" (as JSSE and OpenSSL print it). */
    public String displayName() {
        return displayName;
    }
}
