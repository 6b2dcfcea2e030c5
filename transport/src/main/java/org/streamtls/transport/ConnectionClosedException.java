package org.streamtls.transport;

import java.io.IOException;

/**
 * An operation was attempted on, or interrupted by, a connection that this side closed: by
 * {@link Connection#close()}, by a listener stopping, or after a send timed out. The message says
 * which connection and why.
 */
public class ConnectionClosedException extends IOException {

    /** @param message which connection, and why it is closed */
    public ConnectionClosedException(String message) {
        super(message);
    }

    /**
     * @param message which connection, and why it is closed
     * @param cause the socket error seen when the close interrupted an operation
     */
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
