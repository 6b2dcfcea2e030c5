package org.streamtls.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.streamtls.transport.Connection;

/**
 * Reads text lines from a {@link Connection} (TLS or plaintext), one byte per receive so that it
 * never reads past the end of a line: after "220 Ready to start TLS" the next byte belongs to the
 * TLS handshake, and after the last TLS line the next bytes are plaintext. The connection's own
 * buffer makes single-byte receives cheap.
 *
 * <p>A {@link org.streamtls.transport.ReceiveTimeoutException} loses nothing: the part of the line
 * already read is kept and the next {@link #readLine()} goes on from it.
 *
 * <p>Not thread-safe: one reader per connection, used by the receiving thread.
 */
public final class LineReader {

    /** The longest line accepted (SMTP's limit is 1000 bytes; HTTP heads are longer). */
    public static final int MAX_LINE = 8192;

    private final Connection connection;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final byte[] one = new byte[1];

    public LineReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * The next line without its line end ("\n" or "\r\n"), or null at the end of the stream (a
     * last line without a line end is returned first).
     *
     * @throws IOException as {@link Connection#receive}, or if a line is longer than {@link #MAX_LINE}
     */
    public String readLine() throws IOException {
        while (true) {
            int n = connection.receive(one, 0, 1);
            if (n < 0) {
                if (partial.size() == 0) {
                    return null;
                }
                return take();
            }
            if (one[0] == '\n') {
                return take();
            }
            partial.write(one[0]);
            if (partial.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes from " + connection.remoteAddress());
            }
        }
    }

    private String take() {
        byte[] b = partial.toByteArray();
        partial.reset();
        int len = b.length;
        if (len > 0 && b[len - 1] == '\r') {
            len--;
        }
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    /** Sends the text and a line end ("\r\n" when {@code crlf}, else "\n") in one send. */
    public static void sendLine(Connection connection, String text, boolean crlf) throws IOException {
        byte[] b = (text + (crlf ? "\r\n" : "\n")).getBytes(StandardCharsets.UTF_8);
        connection.send(b, 0, b.length);
    }
}
