package org.streamtls.bench;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;

/** The protocol version and cipher suite a benchmarked connection negotiates (ECDSA P-256 server key). */
public enum Suite {
    TLS13_AES_128_GCM(ProtocolVersion.TLSv13, CipherSuite.TLS_AES_128_GCM_SHA256),
    TLS13_AES_256_GCM(ProtocolVersion.TLSv13, CipherSuite.TLS_AES_256_GCM_SHA384),
    TLS13_CHACHA20_POLY1305(ProtocolVersion.TLSv13, CipherSuite.TLS_CHACHA20_POLY1305_SHA256),
    TLS12_ECDHE_AES_128_GCM(ProtocolVersion.TLSv12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);

    final ProtocolVersion version;
    final int cipherSuite;

    Suite(ProtocolVersion version, int cipherSuite) {
        this.version = version;
        this.cipherSuite = cipherSuite;
    }
}
