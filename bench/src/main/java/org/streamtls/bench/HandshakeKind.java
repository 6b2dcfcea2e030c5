package org.streamtls.bench;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.streamtls.certstore.KeyType;

/**
 * Which handshake {@link HandshakeBenchmark} measures: a full TLS 1.3 or TLS 1.2 handshake (X25519,
 * the server signs, the client verifies its chain), or a resumed TLS 1.2 handshake (session-ID
 * resumption: the client offers the session of an earlier full handshake, the server finds it in
 * its cache; no certificate, no signature, no key exchange).
 */
public enum HandshakeKind {
    TLS13_FULL(ProtocolVersion.TLSv13, false),
    TLS12_FULL(ProtocolVersion.TLSv12, false),
    TLS12_RESUMED(ProtocolVersion.TLSv12, true);

    final ProtocolVersion version;
    final boolean resumed;

    HandshakeKind(ProtocolVersion version, boolean resumed) {
        this.version = version;
        this.resumed = resumed;
    }

    boolean tls13() {
        return version == ProtocolVersion.TLSv13;
    }

    /**
     * The one cipher suite both sides offer: TLS_AES_128_GCM_SHA256, or TLS 1.2's
     * ECDHE_ECDSA / ECDHE_RSA with AES_128_GCM_SHA256 by the server's key.
     */
    int cipherSuite(KeyType key) {
        if (tls13()) {
            return CipherSuite.TLS_AES_128_GCM_SHA256;
        }
        return key == KeyType.EC_P256 ? CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                : CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    }

    /** {@link #cipherSuite} as JSSE names it. */
    String jsseCipherSuite(KeyType key) {
        if (tls13()) {
            return "TLS_AES_128_GCM_SHA256";
        }
        return key == KeyType.EC_P256 ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    }

    /** The protocol name as JSSE spells it. */
    String jsseProtocol() {
        return tls13() ? "TLSv1.3" : "TLSv1.2";
    }
}
