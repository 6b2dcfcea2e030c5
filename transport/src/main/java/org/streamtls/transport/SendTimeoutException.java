package org.streamtls.transport;

import java.net.SocketTimeoutException;
import java.time.Duration;
import org.streamtls.transport.internal.TimeoutText;

/**
 * A send did not complete before the send timeout: the peer stopped reading. Part of the message
 * may have been sent; the connection should be closed.
 */
public class SendTimeoutException extends SocketTimeoutException {

    private final Duration waited;

    /** @param waited the timeout that expired */
    public SendTimeoutException(Duration waited) {
        super("send timed out after " + TimeoutText.of(waited) + ": the peer is not reading");
        this.waited = waited;
    }

    /** The timeout that expired. */
    public Duration waited() {
        return waited;
    }
}
