package org.streamtls.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlightOutputTest {

    /** Records each write the transport sees, as one array per write. */
    private static final class Writes extends ByteArrayOutputStream {
        final List<byte[]> writes = new ArrayList<>();
        int flushes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            writes.add(copy);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void aFlightOfRecordsGoesOutInOneWriteWhenSent() throws Exception {
        Writes transport = new Writes();
        FlightOutput out = new FlightOutput(transport);
        byte[] record = new byte[3000];
        for (int i = 0; i < record.length; i++) {
            record[i] = (byte) i;
        }
        out.write(record, 0, 100);
        out.flush();
        out.write(record, 100, 2900); // grows past the initial 4 KiB with the next one
        out.flush();
        out.write(record, 0, 3000);
        out.flush();
        assertEquals(0, transport.writes.size(), "nothing is sent while the flight is gathered");

        out.send();
        assertEquals(1, transport.writes.size());
        byte[] expected = new byte[6000];
        System.arraycopy(record, 0, expected, 0, 3000);
        System.arraycopy(record, 0, expected, 3000, 3000);
        assertArrayEquals(expected, transport.writes.get(0));

        out.send();
        assertEquals(1, transport.writes.size(), "an empty flight sends nothing");
    }

    @Test
    void afterTheHandshakeEveryWriteGoesStraightThrough() throws Exception {
        Writes transport = new Writes();
        FlightOutput out = new FlightOutput(transport);
        out.write(new byte[] {1, 2}, 0, 2);
        out.stopGathering();
        assertEquals(1, transport.writes.size(), "the last flight is sent when gathering stops");

        out.write(new byte[] {3, 4, 5}, 0, 3);
        int flushesBefore = transport.flushes;
        out.flush();
        assertEquals(2, transport.writes.size());
        assertArrayEquals(new byte[] {3, 4, 5}, transport.writes.get(1));
        assertEquals(flushesBefore + 1, transport.flushes);
    }
}
