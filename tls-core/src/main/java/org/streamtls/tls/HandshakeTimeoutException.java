package org.streamtls.tls;

import java.time.Duration;

/**
 * The handshake did not complete within the handshake timeout (a peer that stalls, or one that
 * trickles bytes): the connection is closed and the thread that ran the handshake is free.
 */
public class HandshakeTimeoutException extends TlsException {

    private final Duration timeout;

    public HandshakeTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message, null, cause);
        this.timeout = timeout;
    }

    /** The handshake timeout that expired. */
    public Duration timeout() {
        return timeout;
    }
}
