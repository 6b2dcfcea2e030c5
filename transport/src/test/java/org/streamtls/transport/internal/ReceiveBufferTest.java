package org.streamtls.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.ReceiveTimeoutException;
import org.streamtls.transport.TcpConnections;

/**
 * The receive buffer an idle connection holds: only the small idle array; the full-size buffer is
 * borrowed from the shared pool while bytes wait in it and given back when they are taken. Bytes
 * stay in order across the idle array, the borrowed buffer and reads straight into the caller's
 * array, and a receiveExactly that times out across them loses nothing. Real sockets on loopback;
 * the held buffer is read through the connection's package-private probe.
 */
@Timeout(30)
class ReceiveBufferTest {

    private static final int FULL = ConnectionOptions.DEFAULT_RECEIVE_BUFFER_SIZE;
    private static final int IDLE = SocketConnection.IDLE_BUFFER_SIZE;

    /** A peer on 127.0.0.1 that sends what the test gives it, when the test gives it. */
    private static final class Peer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final BlockingQueue<byte[]> toSend = new ArrayBlockingQueue<>(64);
        private final Thread thread;
        private volatile Throwable failure;

        Peer() throws IOException {
            thread = new Thread(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    for (byte[] chunk; (chunk = toSend.take()).length > 0; ) {
                        out.write(chunk);
                        out.flush();
                    }
                    s.shutdownOutput();
                    while (toSend.poll(20, TimeUnit.MILLISECONDS) == null && !server.isClosed()) {
                        // Hold the connection open until the test ends.
                    }
                } catch (InterruptedException | IOException e) {
                    if (!server.isClosed()) {
                        failure = e;
                    }
                }
            }, "test-buffer-peer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void send(byte[] data, int from, int to) throws InterruptedException {
            toSend.put(Arrays.copyOfRange(data, from, to));
        }

        void end() throws InterruptedException {
            toSend.put(new byte[0]);
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.interrupt();
            thread.join(5000);
            if (failure != null) {
                throw new AssertionError("the test peer failed", failure);
            }
        }
    }

    private static SocketConnection connect(Peer peer, ConnectionOptions options) throws IOException {
        Connection c = TcpConnections.connect("127.0.0.1", peer.port(), options);
        return (SocketConnection) c;
    }

    private static ConnectionOptions options(Duration receiveTimeout) {
        return ConnectionOptions.builder().receiveTimeout(receiveTimeout).build();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Waits until at least {@code n} bytes are buffered or waiting in the kernel. */
    private static void awaitArrived(SocketConnection c, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (c.buffered() + c.kernelBuffered() < n) {
            assertTrue(System.nanoTime() < deadline, "the peer's bytes did not arrive within 5 s");
            Thread.sleep(5);
        }
    }

    @Test
    void anIdleConnectionHoldsOnlyTheSmallArrayAndBorrowsTheFullBufferWhileABurstIsRead() throws Exception {
        byte[] data = randomBytes(200_000, 1);
        try (Peer peer = new Peer(); SocketConnection c = connect(peer, options(Duration.ofMillis(200)))) {
            ReceiveBufferPool pool = c.receiveBufferPool();
            assertNotNull(pool, "the default buffer size is pooled");
            assertEquals(FULL, pool.bufferSize());
            assertEquals(0, c.receiveBufferHeld(), "nothing held before the first receive");

            // Idle: a receive waits on the small array only.
            byte[] small = new byte[100];
            assertThrows(ReceiveTimeoutException.class, () -> c.receive(small, 0, small.length));
            assertEquals(IDLE, c.receiveBufferHeld());

            // A burst read 100 bytes at a time borrows a full buffer (one system call reads many
            // receives' worth) and gives it back once its bytes are taken.
            peer.send(data, 0, data.length);
            awaitArrived(c, 20_000);
            c.setReceiveTimeout(Duration.ofSeconds(5));
            byte[] got = new byte[data.length];
            int maxHeld = 0;
            for (int n = 0; n < data.length; ) {
                int r = c.receive(got, n, Math.min(small.length, data.length - n));
                assertTrue(r > 0, "receive returned " + r);
                n += r;
                maxHeld = Math.max(maxHeld, c.receiveBufferHeld());
            }
            assertArrayEquals(data, got);
            assertEquals(FULL, maxHeld, "the burst was read through a borrowed full-size buffer");
            assertEquals(0, c.buffered());
            assertEquals(IDLE, c.receiveBufferHeld(), "the full buffer went back once drained");
            assertTrue(pool.idle() >= 1, "the pool has the buffer back");

            // Idle again: waiting holds the small array only.
            c.setReceiveTimeout(Duration.ofMillis(200));
            assertThrows(ReceiveTimeoutException.class, () -> c.receive(small, 0, small.length));
            assertEquals(IDLE, c.receiveBufferHeld());
        }
    }

    @Test
    void manyIdleConnectionsHoldNoFullBufferAndThePoolStaysBounded() throws Exception {
        int connections = 12;
        byte[] data = randomBytes(64 * 1024, 2);
        Peer[] peers = new Peer[connections];
        SocketConnection[] cs = new SocketConnection[connections];
        try {
            for (int i = 0; i < connections; i++) {
                peers[i] = new Peer();
                cs[i] = connect(peers[i], options(Duration.ofSeconds(5)));
                peers[i].send(data, 0, data.length);
            }
            byte[] chunk = new byte[64];
            int[] read = new int[connections];
            for (int i = 0; i < connections; i++) {
                awaitArrived(cs[i], 20_000);
                // Read into the first borrowed buffer and stop while it still holds bytes: every
                // connection holds a full buffer at once, more than the pool keeps on 2 cores.
                byte[] got = new byte[data.length];
                while (read[i] < IDLE + chunk.length || cs[i].buffered() == 0) {
                    read[i] += cs[i].receive(got, read[i], chunk.length);
                }
                assertArrayEquals(Arrays.copyOf(data, read[i]), Arrays.copyOf(got, read[i]), "connection " + i);
                assertEquals(FULL, cs[i].receiveBufferHeld(), "connection " + i + " is reading a burst");
            }
            for (int i = 0; i < connections; i++) {
                SocketConnection c = cs[i];
                byte[] rest = new byte[data.length - read[i]];
                c.receiveExactly(rest, 0, rest.length);
                assertArrayEquals(Arrays.copyOfRange(data, read[i], data.length), rest, "connection " + i);
                c.setReceiveTimeout(Duration.ofMillis(100));
                assertThrows(ReceiveTimeoutException.class, () -> c.receive(chunk, 0, chunk.length));
                assertEquals(IDLE, c.receiveBufferHeld(), "idle connection " + i);
            }
            ReceiveBufferPool pool = cs[0].receiveBufferPool();
            assertTrue(pool.idle() <= pool.capacity(), pool.idle() + " idle buffers, capacity " + pool.capacity());
            assertTrue(pool.idle() >= Math.min(connections, pool.capacity()),
                    "the buffers went back to the pool: " + pool.idle() + " idle");
        } finally {
            for (int i = 0; i < connections; i++) {
                if (cs[i] != null) {
                    cs[i].close();
                }
                if (peers[i] != null) {
                    peers[i].close();
                }
            }
        }
    }

    /**
     * Random bytes sent in random pieces with random pauses, read with sizes around every
     * boundary (the idle array, half a buffer, a whole buffer) by receive and receiveExactly in
     * turn: every byte arrives once, in order, through all three read paths.
     */
    @ParameterizedTest(name = "receiveBufferSize {0}")
    @ValueSource(ints = {FULL, 1024, 100})
    void bytesStayInOrderAcrossTheIdleArrayTheBorrowedBufferAndDirectReads(int bufferSize) throws Exception {
        byte[] data = randomBytes(3 * 1024 * 1024, bufferSize);
        int[] sizes = {5, 16_401, 1, IDLE - 1, IDLE, IDLE + 1, 100, bufferSize / 2 - 1, bufferSize / 2,
                bufferSize - 1, bufferSize, bufferSize + 1, 3, 20_000, 7};
        ConnectionOptions options = ConnectionOptions.builder().receiveTimeout(Duration.ofSeconds(10))
                .receiveBufferSize(bufferSize).build();
        try (Peer peer = new Peer(); SocketConnection c = connect(peer, options)) {
            Thread sender = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(7);
                try {
                    for (int at = 0; at < data.length; ) {
                        int piece = Math.min(data.length - at, random.nextInt(1, random.nextBoolean() ? 600 : 70_000));
                        peer.send(data, at, at + piece);
                        at += piece;
                        if (random.nextInt(8) == 0) {
                            Thread.sleep(1);
                        }
                    }
                    peer.end();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-buffer-feeder");
            sender.setDaemon(true);
            sender.start();

            byte[] got = new byte[data.length];
            int n = 0;
            int maxHeld = 0;
            for (int i = 0; n < data.length; i++) {
                int len = Math.max(1, Math.min(sizes[i % sizes.length], data.length - n));
                if (i % 2 == 0) {
                    c.receiveExactly(got, n, len);
                    n += len;
                } else {
                    int r = c.receive(got, n, len);
                    assertTrue(r > 0 && r <= len, "receive of " + len + " returned " + r);
                    n += r;
                }
                maxHeld = Math.max(maxHeld, c.receiveBufferHeld());
            }
            assertArrayEquals(data, got);
            assertEquals(-1, c.receive(new byte[1], 0, 1), "the stream ends after the data");
            sender.join(5000);
            if (bufferSize > IDLE) {
                assertNotNull(c.receiveBufferPool());
                assertTrue(maxHeld <= bufferSize, "held " + maxHeld + " bytes, more than a buffer");
            } else {
                assertNull(c.receiveBufferPool(), "a buffer no larger than the idle array is kept, not pooled");
                assertEquals(bufferSize, c.receiveBufferHeld());
            }
        }
    }

    @Test
    void aReceiveExactlyThatTimesOutAcrossTheBorrowedBufferAndADirectReadLosesNothing() throws Exception {
        byte[] data = randomBytes(40_000, 3);
        try (Peer peer = new Peer(); SocketConnection c = connect(peer, options(Duration.ofMillis(300)))) {
            peer.send(data, 0, 20_000);
            awaitArrived(c, 20_000);
            byte[] got = new byte[data.length];
            c.setReceiveTimeout(Duration.ofSeconds(5));
            c.receiveExactly(got, 0, IDLE);           // straight into got, filled: more is waiting
            c.receiveExactly(got, IDLE, 100);         // a borrowed full buffer
            assertEquals(FULL, c.receiveBufferHeld());
            assertEquals(FULL - 100, c.buffered(), "the borrowed buffer holds the rest of its read");
            int taken = IDLE + 100;

            c.setReceiveTimeout(Duration.ofMillis(300));
            byte[] want = new byte[30_000];
            // Takes the borrowed buffer's bytes (giving it back), reads the rest of the 20 000
            // straight into the caller's array, then times out waiting for more: all must stay.
            assertThrows(ReceiveTimeoutException.class, () -> c.receiveExactly(want, 0, want.length));
            assertEquals(20_000 - taken, c.buffered());
            assertThrows(ReceiveTimeoutException.class, () -> c.receiveExactly(want, 0, want.length));
            assertEquals(20_000 - taken, c.buffered(), "a second timeout loses nothing either");

            peer.send(data, 20_000, data.length);
            c.setReceiveTimeout(Duration.ofSeconds(5));
            c.receiveExactly(got, taken, 30_000);
            c.receiveExactly(got, taken + 30_000, data.length - taken - 30_000);
            assertArrayEquals(data, got);
            assertEquals(0, c.buffered());
            assertEquals(0, c.receiveBufferHeld(), "the array that kept the bytes is dropped once they are"
                    + " taken; every read here went to the caller or the pool, so no idle array either");
        }
    }

    @Test
    void aReceiveExactlyThatTimesOutWithinTheIdleArrayLosesNothing() throws Exception {
        byte[] data = randomBytes(1_000, 4);
        try (Peer peer = new Peer(); SocketConnection c = connect(peer, options(Duration.ofMillis(300)))) {
            peer.send(data, 0, 300);
            awaitArrived(c, 300);
            byte[] got = new byte[data.length];
            assertThrows(ReceiveTimeoutException.class, () -> c.receiveExactly(got, 0, 400));
            assertEquals(300, c.buffered());
            assertEquals(IDLE, c.receiveBufferHeld(), "300 bytes fit the idle array");

            peer.send(data, 300, 700);                 // now 700 waiting: more than the idle array
            awaitArrived(c, 700);
            assertThrows(ReceiveTimeoutException.class, () -> c.receiveExactly(got, 0, 800));
            assertEquals(700, c.buffered());

            peer.send(data, 700, data.length);
            c.setReceiveTimeout(Duration.ofSeconds(5));
            c.receiveExactly(got, 0, 5);
            c.receiveExactly(got, 5, data.length - 5);
            assertArrayEquals(data, got);
            assertEquals(IDLE, c.receiveBufferHeld());
        }
    }

    @Test
    void thePoolIsBoundedAndReusesWhatIsGivenBack() {
        ReceiveBufferPool pool = new ReceiveBufferPool(1000, 3);
        assertEquals(2, pool.capacity(), "rounded down to a power of two");
        byte[] a = pool.borrow(0);
        byte[] b = pool.borrow(0);
        byte[] c = pool.borrow(0);
        assertEquals(3, pool.allocated());
        assertEquals(1000, a.length);
        pool.giveBack(a, 0);
        pool.giveBack(b, 5);
        pool.giveBack(c, 1);
        assertEquals(2, pool.idle(), "the third is dropped: the pool keeps at most its capacity");
        byte[] again = pool.borrow(1);
        assertTrue(again == a || again == b, "a given-back buffer is reused");
        assertEquals(3, pool.allocated(), "no allocation while the pool has one");
    }
}
