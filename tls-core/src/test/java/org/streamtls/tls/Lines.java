package org.streamtls.tls;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.streamtls.transport.Connection;

/** Text lines over a {@link Connection}, for talking to line-oriented peers (openssl, gnutls-cli). */
final class Lines {

    private Lines() {
    }

    static void send(Connection c, String line) throws IOException {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        c.send(b, 0, b.length);
    }

    /** Reads one line (without its \n or \r\n), one receive per byte so nothing after it is consumed. */
    static String read(Connection c) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (true) {
            int n = c.receive(one, 0, 1);
            if (n < 0) {
                throw new EOFException("stream ended after \"" + line.toString(StandardCharsets.UTF_8) + "\"");
            }
            if (one[0] == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(one[0]);
        }
    }
}
