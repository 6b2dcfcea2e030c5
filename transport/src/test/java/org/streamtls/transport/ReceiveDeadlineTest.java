package org.streamtls.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One deadline per receive, whatever the segments; a timeout loses nothing. */
@Timeout(30)
class ReceiveDeadlineTest {

    private static ConnectionOptions receiveTimeout(Duration timeout) {
        return ConnectionOptions.builder().receiveTimeout(timeout).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Bytes 1..10, one per segment, 300 ms apart (the last at 2.7 s). */
    private static void trickleTen(java.net.Socket s) throws Exception {
        OutputStream out = s.getOutputStream();
        for (int i = 1; i <= 10; i++) {
            out.write(i);
            out.flush();
            if (i < 10) {
                RawPeer.sleep(300);
            }
        }
        RawPeer.holdOpen(s);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aTricklingPeerCannotStretchTheReceiveAndARetryGetsEveryByteInOrder(String address) throws Exception {
        try (RawPeer peer = RawPeer.start(address, ReceiveDeadlineTest::trickleTen);
             Connection c = TcpConnections.connect(address, peer.port(), receiveTimeout(Duration.ofSeconds(1)))) {
            byte[] message = new byte[10];

            long start = System.nanoTime();
            ReceiveTimeoutException e = assertThrows(ReceiveTimeoutException.class,
                    () -> c.receiveExactly(message, 0, 10));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            // 1 s ± 150 ms; upward slack for a loaded 2-core machine, still far from the 2.7 s of
            // the last byte (a per-read timeout would have let it run to 3 s and succeed).
            assertTrue(elapsedMs >= 850 && elapsedMs < 1600, "timed out after " + elapsedMs + " ms, expected ~1000");
            assertEquals(Duration.ofSeconds(1), e.waited());
            assertEquals("receive timed out after 1 s; the connection is still usable", e.getMessage());
            int kept = c.buffered();
            assertTrue(kept >= 1 && kept <= 9, "bytes kept after the timeout: " + kept + ", expected some but not all");
            assertTrue(c.isOpen());

            c.setReceiveTimeout(Duration.ofSeconds(5));
            c.receiveExactly(message, 0, 10);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, message);
            assertEquals(0, c.buffered());
            peer.assertNoFailure();
        }
    }

    @Test
    void aTimedOutReceiveKeepsWhatArrivedForTheNextReceive() throws Exception {
        CountDownLatch sendRest = new CountDownLatch(1);
        try (RawPeer peer = RawPeer.start("127.0.0.1", s -> {
                OutputStream out = s.getOutputStream();
                out.write("abc".getBytes(StandardCharsets.US_ASCII));
                sendRest.await(5, TimeUnit.SECONDS);
                out.write("defgh".getBytes(StandardCharsets.US_ASCII));
                RawPeer.holdOpen(s);
            });
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), receiveTimeout(Duration.ofMillis(300)))) {
            byte[] eight = new byte[8];
            assertThrows(ReceiveTimeoutException.class, () -> c.receiveExactly(eight, 0, 8));
            assertEquals(3, c.buffered());
            assertThrows(ReceiveTimeoutException.class, () -> c.receiveExactly(eight, 0, 8));
            assertEquals(3, c.buffered());

            sendRest.countDown();
            c.setReceiveTimeout(Duration.ofSeconds(5));
            byte[] two = new byte[2];
            assertEquals(2, c.receive(two, 0, 2));
            assertEquals("ab", new String(two, StandardCharsets.US_ASCII));
            byte[] six = new byte[6];
            c.receiveExactly(six, 0, 6);
            assertEquals("cdefgh", new String(six, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aReceiveWithNothingBufferedTimesOutAfterTheReceiveTimeoutAndTheConnectionStaysUsable() throws Exception {
        CountDownLatch send = new CountDownLatch(1);
        try (RawPeer peer = RawPeer.start("127.0.0.1", s -> {
                send.await(5, TimeUnit.SECONDS);
                s.getOutputStream().write(42);
                RawPeer.holdOpen(s);
            });
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), receiveTimeout(Duration.ofMillis(250)))) {
            byte[] one = new byte[1];
            long start = System.nanoTime();
            ReceiveTimeoutException e = assertThrows(ReceiveTimeoutException.class, () -> c.receive(one, 0, 1));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMs >= 200 && elapsedMs < 1000, "timed out after " + elapsedMs + " ms");
            assertEquals(Duration.ofMillis(250), e.waited());
            assertTrue(e.getMessage().contains("250 ms"), e.getMessage());

            send.countDown();
            c.setReceiveTimeout(Duration.ofSeconds(5));
            assertEquals(1, c.receive(one, 0, 1));
            assertEquals(42, one[0]);
        }
    }

    @Test
    void oneDeadlineCoversManyReceivesIncludingStreamReads() throws Exception {
        // A byte every 150 ms; each read alone would be well inside the 5 s receive timeout.
        try (RawPeer peer = RawPeer.start("127.0.0.1", s -> {
                OutputStream out = s.getOutputStream();
                for (int i = 1; i <= 20; i++) {
                    out.write(i);
                    out.flush();
                    RawPeer.sleep(150);
                }
                RawPeer.holdOpen(s);
            });
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), receiveTimeout(Duration.ofSeconds(5)))) {
            InputStream in = c.inputStream();
            c.beginReceiveDeadline(Deadline.after(Duration.ofMillis(700)));
            long start = System.nanoTime();
            int got = 0;
            ReceiveTimeoutException e = null;
            try {
                for (; got < 20; got++) {
                    int b = got % 2 == 0 ? in.read() : receiveOne(c);
                    assertEquals(got + 1, b);
                }
            } catch (ReceiveTimeoutException timedOut) {
                e = timedOut;
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e != null, "the shared deadline never expired; got " + got + " bytes");
            assertEquals(Duration.ofMillis(700), e.waited());
            assertTrue(elapsedMs >= 650 && elapsedMs < 1500, "timed out after " + elapsedMs + " ms");
            assertTrue(got >= 3 && got <= 7, "bytes received under the 700 ms deadline: " + got);

            c.endReceiveDeadline();
            assertEquals(got + 1, in.read());
        }
    }

    private static int receiveOne(Connection c) throws java.io.IOException {
        byte[] one = new byte[1];
        return c.receive(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Test
    void aLayerOnTopAndThePlaintextAfterItReadTheSameBufferedBytes() throws Exception {
        byte[] sent = "HELLO 5\nWORLDand the rest".getBytes(StandardCharsets.US_ASCII);
        try (RawPeer peer = RawPeer.start("127.0.0.1", s -> {
                s.getOutputStream().write(sent); // one segment
                RawPeer.holdOpen(s);
            });
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), receiveTimeout(Duration.ofSeconds(5)))) {
            // The "upper layer" reads a line byte by byte through the stream...
            InputStream in = c.inputStream();
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                line.append((char) b);
            }
            assertEquals("HELLO 5", line.toString());
            // ...and what follows in the same segment is still there for the next reader.
            assertEquals(sent.length - 8, c.buffered());
            assertEquals(sent.length - 8, in.available());
            byte[] five = new byte[5];
            c.receiveExactly(five, 0, 5);
            assertEquals("WORLD", new String(five, StandardCharsets.US_ASCII));
            byte[] rest = new byte[64];
            int n = c.receive(rest, 0, rest.length);
            assertEquals("and the rest", new String(rest, 0, n, StandardCharsets.US_ASCII));
            in.close(); // does not close the connection
            assertTrue(c.isOpen());
        }
    }
}
