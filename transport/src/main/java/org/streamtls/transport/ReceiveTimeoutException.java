package org.streamtls.transport;

import java.net.SocketTimeoutException;
import java.time.Duration;
import org.streamtls.transport.internal.TimeoutText;

/**
 * A receive did not complete before its deadline. Nothing was lost: bytes that arrived are
 * buffered, and the connection may be used again (retry the receive).
 */
public class ReceiveTimeoutException extends SocketTimeoutException {

    private final Duration waited;

    /** @param waited the timeout that expired */
    public ReceiveTimeoutException(Duration waited) {
        super("receive timed out after " + TimeoutText.of(waited) + "; the connection is still usable");
        this.waited = waited;
    }

    /** The timeout that expired. */
    public Duration waited() {
        return waited;
    }
}
