package org.streamtls.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Bad input and misbehaving peers: a clear error each time, never a hang. */
@Timeout(30)
class BadInputTest {

    private static final ConnectionOptions QUICK = ConnectionOptions.builder()
            .connectTimeout(Duration.ofSeconds(5))
            .receiveTimeout(Duration.ofSeconds(5))
            .sendTimeout(Duration.ofSeconds(5))
            .build();

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void zeroNegativeAndMissingTimeoutsAreRejectedNamingOptionAndValue() {
        ConnectionOptions.Builder b = ConnectionOptions.builder();
        assertRejected("connectTimeout must be a positive duration, was 0 ms", () -> b.connectTimeout(Duration.ZERO));
        assertRejected("sendTimeout must be a positive duration, was -1 s", () -> b.sendTimeout(Duration.ofSeconds(-1)));
        assertRejected("receiveTimeout must be a positive duration, was -250 ms",
                () -> b.receiveTimeout(Duration.ofMillis(-250)));
        assertRejected("receiveTimeout must be a positive duration, was null", () -> b.receiveTimeout(null));
        assertRejected("receiveBufferSize must be between 1 and 16777216 bytes, was 0", () -> b.receiveBufferSize(0));
        assertRejected("timeout must be positive, was PT0S", () -> Deadline.after(Duration.ZERO));

        ConnectionOptions defaults = ConnectionOptions.defaults();
        assertEquals(Duration.ofSeconds(10), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(30), defaults.sendTimeout());
        assertEquals(Duration.ofSeconds(30), defaults.receiveTimeout());
        assertEquals(16 * 1024 + 512, defaults.receiveBufferSize());
        assertTrue(defaults.shutdownSignal().isEmpty());
    }

    @Test
    void aConnectionRejectsBadTimeoutsToo() throws Exception {
        try (RawPeer peer = RawPeer.start("127.0.0.1", RawPeer::holdOpen);
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), QUICK)) {
            assertRejected("receiveTimeout must be a positive duration, was 0 ms", () -> c.setReceiveTimeout(Duration.ZERO));
            assertRejected("sendTimeout must be a positive duration, was -5 ms", () -> c.setSendTimeout(Duration.ofMillis(-5)));
            assertEquals(Duration.ofSeconds(5), c.receiveTimeout());
            c.setSendTimeout(Duration.ofMillis(1500));
            assertEquals(Duration.ofMillis(1500), c.sendTimeout());
            assertThrows(IndexOutOfBoundsException.class, () -> c.receive(new byte[4], 2, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> c.send(new byte[4], -1, 1));
            assertEquals(0, c.receive(new byte[4], 0, 0));
        }
    }

    @Test
    void useAfterCloseFailsAtOnceSayingTheConnectionIsClosed() throws Exception {
        try (RawPeer peer = RawPeer.start("127.0.0.1", RawPeer::holdOpen)) {
            Connection c = TcpConnections.connect("127.0.0.1", peer.port(), QUICK);
            String closed = "connection to 127.0.0.1:" + peer.port() + " is closed";
            c.close();
            c.close();
            assertFalse(c.isOpen());
            long start = System.nanoTime();
            assertEquals("cannot receive: " + closed,
                    assertThrows(ConnectionClosedException.class, () -> c.receive(new byte[1], 0, 1)).getMessage());
            assertEquals("cannot receive: " + closed,
                    assertThrows(ConnectionClosedException.class, () -> c.receiveExactly(new byte[1], 0, 1)).getMessage());
            assertEquals("cannot receive: " + closed,
                    assertThrows(ConnectionClosedException.class, () -> c.inputStream().read()).getMessage());
            assertEquals("cannot send: " + closed,
                    assertThrows(ConnectionClosedException.class, () -> c.send(new byte[1], 0, 1)).getMessage());
            assertEquals("cannot send: " + closed,
                    assertThrows(ConnectionClosedException.class, () -> c.outputStream().write(1)).getMessage());
            assertEquals("cannot shutdownOutput: " + closed,
                    assertThrows(ConnectionClosedException.class, c::shutdownOutput).getMessage());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000);
            assertEquals(peer.port(), c.remoteAddress().getPort(), "addresses are still known after close");
        }
    }

    @Test
    @SuppressWarnings("try") // closing the resource from another thread is the point
    void closeFromAnotherThreadWakesABlockedReceive() throws Exception {
        try (RawPeer peer = RawPeer.start("::1", RawPeer::holdOpen);
             Connection c = TcpConnections.connect("::1", peer.port(), ConnectionOptions.defaults())) {
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    c.close();
                } catch (InterruptedException | IOException ignored) {
                    // The assertion below reports it.
                }
            });
            closer.start();
            long start = System.nanoTime();
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> c.receive(new byte[1], 0, 1));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
            assertEquals("cannot receive: connection to [::1]:" + peer.port() + " is closed", e.getMessage());
            closer.join(2000);
        }
    }

    @Test
    void sendAfterShutdownOutputFailsAndThePeerSeesEndOfStream() throws Exception {
        try (RawPeer peer = RawPeer.start("127.0.0.1", s -> {
                int n = s.getInputStream().read();
                s.getOutputStream().write(n == -1 ? 'E' : 'X'); // tell what the peer saw
                RawPeer.holdOpen(s);
            });
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), QUICK)) {
            c.shutdownOutput();
            c.shutdownOutput();
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> c.send(new byte[1], 0, 1));
            assertEquals("cannot send to 127.0.0.1:" + peer.port() + ": output was shut down", e.getMessage());
            byte[] one = new byte[1];
            c.receiveExactly(one, 0, 1); // receiving goes on
            assertEquals('E', one[0]);
        }
    }

    @Test
    void endOfStreamIsMinusOneFromReceiveAndEofExceptionFromReceiveExactly() throws Exception {
        try (RawPeer peer = RawPeer.start("127.0.0.1", s -> s.getOutputStream().write(new byte[] {1, 2, 3}));
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), QUICK)) {
            byte[] ten = new byte[10];
            EOFException e = assertThrows(EOFException.class, () -> c.receiveExactly(ten, 0, 10));
            assertEquals("end of stream from 127.0.0.1:" + peer.port() + " after 3 of 10 bytes", e.getMessage());
            assertEquals(3, c.buffered(), "the bytes that did arrive are kept");
            assertEquals(3, c.receive(ten, 0, 10));
            assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(ten, 3));
            assertEquals(-1, c.receive(ten, 0, 10));
            assertEquals(-1, c.inputStream().read());
            assertTrue(c.isOpen(), "end of stream does not close our side");
        }
    }

    @Test
    void aPeerThatResetsMidMessageGivesAClearError() throws Exception {
        try (RawPeer peer = RawPeer.start("127.0.0.1", s -> {
                s.getOutputStream().write(new byte[] {1, 2, 3, 4, 5}); // half of a 10-byte message
                RawPeer.sleep(100);
                s.setSoLinger(true, 0);
                s.close(); // RST
            });
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), QUICK)) {
            long start = System.nanoTime();
            ConnectionResetException e = assertThrows(ConnectionResetException.class,
                    () -> c.receiveExactly(new byte[10], 0, 10));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
            assertTrue(e.getMessage().startsWith("connection to 127.0.0.1:" + peer.port()
                    + " reset by the peer during receive"), e.getMessage());
            // Sending to the reset connection is an error too, not a hang.
            assertThrows(ConnectionResetException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    c.send(new byte[1024], 0, 1024);
                }
            });
        }
    }

    @Test
    void anUnresolvableHostNamesHostAndPort() {
        long start = System.nanoTime();
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> TcpConnections.connect("no-such-host.invalid", 443, QUICK).close());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 6000);
        assertTrue(e.getMessage().startsWith("cannot connect to no-such-host.invalid port 443: host name"
                + " no-such-host.invalid could not be resolved"), e.getMessage());
    }

    @Test
    void aRefusedConnectNamesHostPortAndTheCausePerAddress() throws Exception {
        try (Socket refusing = RawPeer.refusingPort("127.0.0.1", 0)) {
            int closedPort = refusing.getLocalPort();
            ConnectFailedException e = assertThrows(ConnectFailedException.class,
                    () -> TcpConnections.connect("127.0.0.1", closedPort, QUICK).close());
            assertEquals("127.0.0.1", e.host());
            assertEquals(closedPort, e.port());
            assertEquals("cannot connect to 127.0.0.1 port " + closedPort + ": 127.0.0.1:" + closedPort
                    + " Connection refused", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
        }
    }

    @Test
    void badHostsPortsAndSocketsAreRejected() throws Exception {
        Function<Executable, String> message = call -> assertThrows(IllegalArgumentException.class, call).getMessage();
        assertEquals("port must be between 1 and 65535, was 0",
                message.apply(() -> TcpConnections.connect("127.0.0.1", 0, QUICK)));
        assertEquals("port must be between 1 and 65535, was 70000",
                message.apply(() -> TcpConnections.connect("127.0.0.1", 70000, QUICK)));
        assertEquals("host must be a host name or address, was \"\"",
                message.apply(() -> TcpConnections.connect("", 80, QUICK)));
        assertEquals("host must be a host name or address, was null",
                message.apply(() -> TcpConnections.connect(null, 80, QUICK)));

        Socket unconnected = new Socket();
        IOException e = assertThrows(IOException.class, () -> TcpConnections.wrap(unconnected, QUICK));
        assertEquals("cannot wrap a socket that is not connected", e.getMessage());
    }
}
