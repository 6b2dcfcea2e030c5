package org.streamtls.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The cipher suites StreamTLS can negotiate: only AEAD suites (AES-GCM, ChaCha20-Poly1305) with
 * forward secrecy. Anything else — NULL, export, RC4, 3DES, CBC, static RSA key exchange — has no
 * constant here, so it cannot be enabled, by accident or on purpose; {@link #forName(String)}
 * refuses such names with a message that says why.
 *
 * <p>The declaration order is the default preference: AES-GCM first, then ChaCha20-Poly1305.
 * TLS 1.3 suites apply to TLS 1.3 only, the ECDHE suites to TLS 1.2 only.
 */
public enum TlsCipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, TlsVersion.TLS_1_3, null),
    TLS_AES_256_GCM_SHA384(0x1302, TlsVersion.TLS_1_3, null),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, TlsVersion.TLS_1_3, null),
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, TlsVersion.TLS_1_2, "EC"),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, TlsVersion.TLS_1_2, "RSA"),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, TlsVersion.TLS_1_2, "EC"),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, TlsVersion.TLS_1_2, "RSA"),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, TlsVersion.TLS_1_2, "EC"),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, TlsVersion.TLS_1_2, "RSA");

    private final int ianaCode;
    private final TlsVersion version;
    private final String serverKeyAlgorithm;

    TlsCipherSuite(int ianaCode, TlsVersion version, String serverKeyAlgorithm) {
        this.ianaCode = ianaCode;
        this.version = version;
        this.serverKeyAlgorithm = serverKeyAlgorithm;
    }

    /** The suite's number in the IANA registry, e.g. 0x1301. */
    public int ianaCode() {
        return ianaCode;
    }

    /** The only protocol version this suite can be used with. */
    public TlsVersion version() {
        return version;
    }

    /**
     * For a TLS 1.2 suite, the JCA algorithm of the server key it needs ("EC" or "RSA"); null for
     * TLS 1.3 suites, which work with any key.
     */
    public String serverKeyAlgorithm() {
        return serverKeyAlgorithm;
    }

    /** The default list, in preference order: every constant, AES-GCM first. */
    public static List<TlsCipherSuite> defaults() {
        return List.of(values());
    }

    /**
     * The suite with this IANA name (as OpenSSL's {@code -ciphersuites} and JSSE spell TLS 1.3
     * names, and JSSE spells TLS 1.2 names), case-insensitive.
     *
     * @throws IllegalArgumentException if the name is not one of the allowed AEAD suites; the
     *         message says why (not AEAD, no forward secrecy, or unknown) and lists the allowed names
     */
    public static TlsCipherSuite forName(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (TlsCipherSuite s : values()) {
            if (s.name().equals(upper)) {
                return s;
            }
        }
        String why;
        boolean aeadName = upper.contains("GCM") || upper.contains("POLY1305") || upper.contains("CCM");
        if (upper.contains("NULL") || upper.contains("EXPORT") || upper.contains("RC4") || upper.contains("DES")
                || upper.contains("CBC") || (upper.contains("_SHA") && !aeadName)) {
            why = "it is not an AEAD cipher suite (NULL, export, RC4, DES and CBC suites can never be enabled)";
        } else if (upper.startsWith("TLS_RSA_") || upper.startsWith("TLS_DH_") || upper.startsWith("TLS_ECDH_")
                || upper.startsWith("TLS_PSK_")) {
            why = "it has no forward secrecy";
        } else {
            why = "it is not a cipher suite StreamTLS supports";
        }
        throw new IllegalArgumentException("cipher suite " + name + " cannot be enabled: " + why
                + "; allowed: " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
