package org.streamtls.bench.compare;

import org.streamtls.certstore.KeyType;
import org.streamtls.tls.TlsCipherSuite;
import org.streamtls.tls.TlsVersion;

/**
 * One TLS setting every contender is held to: a version, the server's key type and the one cipher
 * suite allowed; the key exchange is always X25519.
 *
 * @param label short text for tables, e.g. "TLS 1.3 AES-128-GCM"
 */
record Scenario(String label, TlsVersion version, KeyType keyType, TlsCipherSuite suite) {

    static final Scenario TLS13_ECDSA = new Scenario("TLS 1.3 AES-128-GCM, ECDSA P-256",
            TlsVersion.TLS_1_3, KeyType.EC_P256, TlsCipherSuite.TLS_AES_128_GCM_SHA256);
    static final Scenario TLS13_RSA = new Scenario("TLS 1.3 AES-128-GCM, RSA-2048",
            TlsVersion.TLS_1_3, KeyType.RSA_2048, TlsCipherSuite.TLS_AES_128_GCM_SHA256);
    static final Scenario TLS12_RSA = new Scenario("TLS 1.2 ECDHE-RSA-AES128-GCM",
            TlsVersion.TLS_1_2, KeyType.RSA_2048, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);

    /** The JSSE protocol name, "TLSv1.3" or "TLSv1.2". */
    String jsseProtocol() {
        return version == TlsVersion.TLS_1_3 ? "TLSv1.3" : "TLSv1.2";
    }

    /** The suite's IANA name, which is also JSSE's name for it. */
    String suiteName() {
        return suite.name();
    }

    static Scenario byName(String name) {
        switch (name) {
            case "TLS13_ECDSA":
                return TLS13_ECDSA;
            case "TLS13_RSA":
                return TLS13_RSA;
            case "TLS12_RSA":
                return TLS12_RSA;
            default:
                throw new IllegalArgumentException("unknown scenario " + name);
        }
    }

    String key() {
        if (this == TLS13_ECDSA) {
            return "TLS13_ECDSA";
        }
        if (this == TLS13_RSA) {
            return "TLS13_RSA";
        }
        return "TLS12_RSA";
    }
}
