package org.streamtls.tls.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import org.streamtls.tls.TlsException;

/**
 * What one handshake learned, written by the peer callbacks on the handshake thread and read
 * afterwards: the peer's chain and verdicts, the SNI name, and the precise failure when a callback
 * refused something (so the error reports the reason, not just the alert BouncyCastle raised).
 */
final class Outcome {

    volatile List<X509Certificate> peerChain = List.of();
    volatile boolean peerTrusted;
    volatile boolean peerNameMatches;
    volatile String serverName;
    volatile boolean resumed;
    /** The TLS 1.2 ECDHE group (BouncyCastle reports the group only for TLS 1.3); -1 when none. */
    volatile int tls12Group = -1;
    /** A precise failure recorded by a callback before it threw BouncyCastle's alert. */
    volatile TlsException failure;

    void peer(List<X509Certificate> chain, boolean trusted, boolean nameMatches) {
        this.peerChain = List.copyOf(chain);
        this.peerTrusted = trusted;
        this.peerNameMatches = nameMatches;
    }

    void fail(TlsException e) {
        if (failure == null) {
            failure = e;
        }
    }
}
