package org.streamtls.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One shutdown signal wakes every blocked connect, send, receive and accept at once. */
@Timeout(30)
class CancellationTest {

    /** Timeouts far longer than the test may take: only the signal can end the operation. */
    private static ConnectionOptions longTimeouts(ShutdownSignal signal) {
        return ConnectionOptions.builder()
                .connectTimeout(Duration.ofSeconds(60))
                .sendTimeout(Duration.ofSeconds(60))
                .receiveTimeout(Duration.ofSeconds(60))
                .shutdownSignal(signal)
                .build();
    }

    /** Fires the signal after {@code millis} on another thread. */
    private static Thread signalAfter(ShutdownSignal signal, long millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            signal.signal();
        }, "test-signaller");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Test
    void theSignalUnblocksAReceive() throws Exception {
        ShutdownSignal signal = new ShutdownSignal();
        try (RawPeer peer = RawPeer.start("127.0.0.1", RawPeer::holdOpen);
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(), longTimeouts(signal))) {
            signalAfter(signal, 200);
            long start = System.nanoTime();
            CancelledException e = assertThrows(CancelledException.class, () -> c.receive(new byte[10], 0, 10));
            long ms = millisSince(start);
            assertTrue(ms >= 150 && ms < 2000, "receive ended after " + ms + " ms");
            assertTrue(e.getMessage().startsWith("receive on connection to "), e.getMessage());
            assertTrue(e.getMessage().endsWith("cancelled: shutdown signalled"), e.getMessage());
            assertFalse(c.isOpen());
            // Every later operation says the same at once.
            assertThrows(CancelledException.class, () -> c.send(new byte[1], 0, 1));
        }
        assertEquals(0, signal.registrations(), "the closed connection deregistered");
    }

    @Test
    void theSignalUnblocksASendToAPeerThatDoesNotRead() throws Exception {
        ShutdownSignal signal = new ShutdownSignal();
        try (RawPeer peer = RawPeer.start("::1", 64 * 1024, RawPeer::holdOpen);
             Connection c = TcpConnections.connect("::1", peer.port(), longTimeouts(signal))) {
            byte[] large = new byte[64 * 1024 * 1024];
            signalAfter(signal, 300);
            long start = System.nanoTime();
            CancelledException e = assertThrows(CancelledException.class, () -> c.send(large, 0, large.length));
            long ms = millisSince(start);
            assertTrue(ms >= 250 && ms < 2000, "send ended after " + ms + " ms");
            assertTrue(e.getMessage().startsWith("send on connection to "), e.getMessage());
            assertFalse(c.isOpen());
        }
    }

    @Test
    void theSignalUnblocksAConnectToAPortWhoseBacklogIsFull() throws Exception {
        // Loopback only: a server socket with a backlog of 1 that never accepts. Once its queue
        // is full, the kernel drops further SYNs and a connect waits.
        List<Socket> filling = new ArrayList<>();
        try (ServerSocket neverAccepts = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            boolean full = false;
            for (int i = 0; i < 64 && !full; i++) {
                Socket s = new Socket();
                filling.add(s);
                try {
                    s.connect(neverAccepts.getLocalSocketAddress(), 300);
                } catch (SocketTimeoutException backlogFull) {
                    full = true;
                }
            }
            assertTrue(full, "could not fill the backlog of a loopback server socket");

            ShutdownSignal signal = new ShutdownSignal();
            signalAfter(signal, 300);
            long start = System.nanoTime();
            CancelledException e = assertThrows(CancelledException.class,
                    () -> TcpConnections.connect("127.0.0.1", neverAccepts.getLocalPort(), longTimeouts(signal)).close());
            long ms = millisSince(start);
            assertTrue(ms >= 250 && ms < 2000, "connect ended after " + ms + " ms");
            assertEquals("connect to 127.0.0.1 port " + neverAccepts.getLocalPort() + " cancelled: shutdown signalled",
                    e.getMessage());
            assertEquals(0, signal.registrations());
        } finally {
            for (Socket s : filling) {
                s.close();
            }
        }
    }

    @Test
    void theSignalStopsAListenerAcceptingAndCancelsItsConnections() throws Exception {
        ShutdownSignal signal = new ShutdownSignal();
        BlockingQueue<Throwable> handlerEnded = new ArrayBlockingQueue<>(1);
        CountDownLatch receiving = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getByName("127.0.0.1"))
                .connectionOptions(longTimeouts(signal))
                .handler(c -> {
                    handled.incrementAndGet();
                    receiving.countDown();
                    try {
                        c.receive(new byte[1], 0, 1);
                        handlerEnded.add(new AssertionError("receive returned"));
                    } catch (IOException e) {
                        handlerEnded.add(e);
                    }
                })
                .start();
        String acceptThread = "streamtls-accept-" + listener.port();
        try (Connection client = TcpConnections.connect("127.0.0.1", listener.port(), ConnectionOptions.defaults())) {
            assertTrue(receiving.await(5, TimeUnit.SECONDS));
            assertTrue(listener.isAccepting());
            assertTrue(threadAlive(acceptThread));

            long start = System.nanoTime();
            signal.signal();
            assertFalse(listener.isAccepting());
            Throwable ended = handlerEnded.poll(5, TimeUnit.SECONDS);
            assertTrue(ended instanceof CancelledException, "the handler's receive ended with " + ended);
            // The accept thread, blocked in accept, has been woken and has ended.
            while (threadAlive(acceptThread) && millisSince(start) < 2000) {
                Thread.sleep(10);
            }
            assertFalse(threadAlive(acceptThread), "the accept thread is still alive 2 s after the signal");
            // The listener serves no new connection. (A connect may still succeed if another
            // process on this machine took the freed port, so only "not served by us" is asserted.)
            try (Connection late = TcpConnections.connect("127.0.0.1", listener.port(),
                    ConnectionOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())) {
                late.close();
            } catch (ConnectFailedException refused) {
                assertTrue(refused.getMessage().contains("Connection refused"), refused.getMessage());
            }
            // The client sees its connection closed by the server.
            assertEquals(-1, client.receive(new byte[1], 0, 1));
            ListenerTest.waitUntil(() -> listener.connectionsInProgress() == 0);
            assertEquals(new Listener.StopReport(0, 0, 0), listener.stop(Duration.ofSeconds(1)));
            assertEquals(1, handled.get());
        } finally {
            listener.stop(Duration.ZERO);
        }
        assertEquals(0, signal.registrations());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void anAlreadyFiredSignalFailsConnectWrapAndListenAtOnce() throws Exception {
        ShutdownSignal signal = new ShutdownSignal();
        signal.signal();
        assertTrue(signal.isSignalled());
        try (RawPeer peer = RawPeer.start("127.0.0.1", RawPeer::holdOpen)) {
            assertThrows(CancelledException.class,
                    () -> TcpConnections.connect("127.0.0.1", peer.port(), longTimeouts(signal)).close());
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", peer.port()), 2000);
            assertThrows(CancelledException.class, () -> TcpConnections.wrap(socket, longTimeouts(signal)));
            assertTrue(socket.isClosed(), "wrap closes the socket it refuses");
        }
        assertThrows(CancelledException.class, () -> Listener.builder().shutdownSignal(signal)
                .handler(c -> fail("no connection expected")).start());
        assertEquals(0, signal.registrations());
    }

    @Test
    void registrationIsLeakFree() throws Exception {
        ShutdownSignal signal = new ShutdownSignal();
        List<Connection> open = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"))) {
            for (int i = 0; i < 100; i++) {
                open.add(TcpConnections.connect("127.0.0.1", server.getLocalPort(), longTimeouts(signal)));
            }
            assertEquals(100, signal.registrations());
            for (Connection c : open) {
                c.close();
                c.close(); // idempotent
            }
            assertEquals(0, signal.registrations());
        }
        signal.signal();
        for (Connection c : open) {
            assertThrows(ConnectionClosedException.class, () -> c.receive(new byte[1], 0, 1),
                    "closed before the signal: reported as closed, not cancelled");
        }
    }
}
