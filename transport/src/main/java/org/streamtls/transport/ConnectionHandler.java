package org.streamtls.transport;

import java.io.IOException;

/**
 * What a {@link Listener} does with each accepted connection.
 *
 * <p>Each call runs on its own thread (a virtual thread on JDK 21+, a platform thread on 17),
 * never on the accept thread, so a slow handler (or a TLS handshake) stalls no one else. The
 * listener closes the connection when the handler returns or throws; an exception is logged
 * through {@link System.Logger} and does not affect the listener or other connections.
 *
 * <p>Implementations are called concurrently, once per connection, and must be thread-safe.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /** Serves one connection. Need not close it. */
    void handle(Connection connection) throws IOException;
}
