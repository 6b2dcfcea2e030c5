package org.streamtls.transport;

import java.io.IOException;

/**
 * An operation was attempted on, or interrupted by, a connection that this side closed: by
 * {@link Connection#close()}, by a listener stopping, or after a send timed out. The message says
 * which connection and why.
 */
public class ConnectionClosedException extends IOException {

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
