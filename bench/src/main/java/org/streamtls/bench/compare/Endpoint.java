package org.streamtls.bench.compare;

import java.io.Closeable;
import java.io.IOException;

/**
 * One end of a connected byte stream, whatever carries it (plain TCP, JSSE, StreamTLS): the few
 * operations the comparison needs, so every contender runs the very same measuring code.
 */
interface Endpoint extends Closeable {

    /** Writes all {@code length} bytes. */
    void write(byte[] data, int offset, int length) throws IOException;

    /** Reads at least one byte, or returns -1 at the end of the stream. */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** What was negotiated, e.g. "TLSv1.3 TLS_AES_128_GCM_SHA256", or "plain" for TCP. */
    String negotiated();

    /** Reads exactly {@code length} bytes or fails. */
    default void readFully(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new java.io.EOFException("stream ended after " + done + " of " + length + " bytes");
            }
            done += n;
        }
    }
}
