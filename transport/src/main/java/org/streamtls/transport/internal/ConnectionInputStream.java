package org.streamtls.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import org.streamtls.transport.Connection;

/**
 * A connection's receive side as an {@link InputStream}: each read is a
 * {@link Connection#receive}, under the same deadline rules. Closing it does nothing.
 */
final class ConnectionInputStream extends InputStream {

    private final Connection connection;
    private final byte[] one = new byte[1];

    ConnectionInputStream(Connection connection) {
        this.connection = connection;
    }

    @Override
    public int read() throws IOException {
        int n = connection.receive(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return connection.receive(b, off, len);
    }

    @Override
    public int available() {
        return connection.buffered();
    }

    @Override
    public void close() {
        // The connection's owner closes it.
    }
}
