package org.streamtls.transport.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.streamtls.transport.Connection;

/**
 * A connection's send side as an {@link OutputStream}: each write is a {@link Connection#send}
 * (nothing is buffered, so flush has nothing to do). Closing it does nothing.
 */
final class ConnectionOutputStream extends OutputStream {

    private final Connection connection;

    ConnectionOutputStream(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void write(int b) throws IOException {
        connection.send(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        connection.send(b, off, len);
    }

    @Override
    public void close() {
        // The connection's owner closes it.
    }
}
