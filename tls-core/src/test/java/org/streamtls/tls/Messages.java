package org.streamtls.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.streamtls.transport.Connection;

/** Length-prefixed messages over any {@link Connection}, for tests that compare bytes. */
final class Messages {

    static final int[] SIZES = {0, 1, 16383, 16384, 16385, 1 << 20};

    private Messages() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void write(Connection c, byte[] payload) throws IOException {
        c.send(ByteBuffer.allocate(4).putInt(payload.length).array(), 0, 4);
        c.send(payload, 0, payload.length);
    }

    static byte[] read(Connection c) throws IOException {
        byte[] header = new byte[4];
        c.receiveExactly(header, 0, 4);
        byte[] payload = new byte[ByteBuffer.wrap(header).getInt()];
        c.receiveExactly(payload, 0, payload.length);
        return payload;
    }
}
