package org.streamtls.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener: dual stack, one address, the limit, failing handlers, graceful stop. */
@Timeout(30)
class ListenerTest {

    private static final ConnectionOptions CLIENT = ConnectionOptions.builder()
            .connectTimeout(Duration.ofSeconds(5))
            .receiveTimeout(Duration.ofSeconds(5))
            .build();

    /** Answers "hello" with "HELLO from <the address family the server saw>". */
    private static void upperEcho(Connection c) throws IOException {
        byte[] five = new byte[5];
        c.receiveExactly(five, 0, 5);
        String family = c.remoteAddress().getAddress() instanceof Inet6Address ? "v6" : "v4";
        byte[] answer = (new String(five, StandardCharsets.US_ASCII).toUpperCase() + " " + family)
                .getBytes(StandardCharsets.US_ASCII);
        c.send(answer, 0, answer.length);
    }

    private static String ask(String host, int port) throws IOException {
        try (Connection c = TcpConnections.connect(host, port, CLIENT)) {
            c.send("hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
            byte[] answer = new byte[8];
            c.receiveExactly(answer, 0, 8);
            assertEquals(-1, c.receive(new byte[1], 0, 1), "the listener closes the connection after the handler");
            return new String(answer, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void oneListenerAcceptsOverIpv4AndIpv6Loopback() throws Exception {
        Listener listener = Listener.builder().handler(ListenerTest::upperEcho).start();
        try {
            assertNotEquals(0, listener.port(), "port 0 picks a free port and reports it");
            assertTrue(listener.localAddress().getAddress().isAnyLocalAddress());
            assertEquals("HELLO v4", ask("127.0.0.1", listener.port()));
            assertEquals("HELLO v6", ask("::1", listener.port()));
            waitUntil(() -> listener.connectionsInProgress() == 0); // the handlers' last steps
            assertEquals(new Listener.StopReport(0, 0, 0), listener.stop(Duration.ofSeconds(1)));
        } finally {
            listener.stop(Duration.ZERO);
        }
    }

    @Test
    void eachHandlerRunsOnItsOwnThreadVirtualWhereTheJvmHasThem() throws Exception {
        BlockingQueue<Thread> threads = new ArrayBlockingQueue<>(2);
        CountDownLatch bothRunning = new CountDownLatch(2);
        Listener listener = Listener.builder().bindAddress(InetAddress.getByName("127.0.0.1"))
                .handler(c -> {
                    threads.add(Thread.currentThread());
                    bothRunning.countDown();
                    try {
                        // Both handlers are in progress at once: neither blocks the other or accept.
                        if (!bothRunning.await(5, TimeUnit.SECONDS)) {
                            throw new IOException("the handlers did not run concurrently");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    c.send(new byte[] {1}, 0, 1);
                })
                .start();
        try (Connection a = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT);
             Connection b = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT)) {
            byte[] one = new byte[1];
            a.receiveExactly(one, 0, 1);
            b.receiveExactly(one, 0, 1);
        } finally {
            listener.stop(Duration.ofSeconds(1));
        }
        Thread first = threads.poll(1, TimeUnit.SECONDS);
        Thread second = threads.poll(1, TimeUnit.SECONDS);
        assertNotEquals(first, second);
        for (Thread t : new Thread[] {first, second}) {
            assertTrue(t.getName().startsWith("streamtls-handler-" + listener.port() + "-"), t.getName());
            boolean virtual = isVirtual(t);
            if (Runtime.version().feature() >= 21) {
                assertTrue(virtual, t + " should be a virtual thread on JDK " + Runtime.version());
            } else {
                assertFalse(virtual);
                assertTrue(t.isDaemon(), "platform handler threads are daemons, like virtual ones");
            }
        }
    }

    private static boolean isVirtual(Thread t) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException beforeJdk19) {
            return false;
        }
    }

    @Test
    void aListenerOnOneAddressAcceptsOnlyThere() throws Exception {
        Socket refusingV6 = RawPeer.refusingPort("::1", 0); // so that nothing else listens there
        Listener v4 = Listener.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(refusingV6.getLocalPort())
                .handler(ListenerTest::upperEcho).start();
        Listener v6 = Listener.builder().bindAddress(InetAddress.getByName("::1"))
                .handler(ListenerTest::upperEcho).start();
        try {
            assertInstanceOf(Inet4Address.class, v4.localAddress().getAddress());
            assertInstanceOf(Inet6Address.class, v6.localAddress().getAddress());
            assertEquals("HELLO v4", ask("127.0.0.1", v4.port()));
            assertEquals("HELLO v6", ask("::1", v6.port()));
            ConnectFailedException e = assertThrows(ConnectFailedException.class, () -> ask("::1", v4.port()));
            assertTrue(e.getMessage().startsWith("cannot connect to ::1 port " + v4.port() + ": [::1]:" + v4.port()),
                    e.getMessage());
        } finally {
            v4.stop(Duration.ZERO);
            v6.stop(Duration.ZERO);
            refusingV6.close();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnceWithoutStallingAccept() throws Exception {
        Semaphore started = new Semaphore(0);
        CountDownLatch release = new CountDownLatch(1);
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getByName("127.0.0.1"))
                .maxConnectionsInProgress(2)
                .handler(c -> {
                    started.release();
                    try {
                        if (!release.await(10, TimeUnit.SECONDS)) {
                            throw new IOException("never released");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    c.send(new byte[] {7}, 0, 1);
                })
                .start();
        try (Connection first = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT);
             Connection second = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT)) {
            assertTrue(started.tryAcquire(2, 5, TimeUnit.SECONDS), "two handlers should be running");
            assertEquals(2, listener.connectionsInProgress());

            for (int i = 1; i <= 3; i++) {
                long start = System.nanoTime();
                try (Connection refused = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT)) {
                    assertEquals(-1, refused.receive(new byte[1], 0, 1), "an excess connection is closed at once");
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(ms < 2000, "refusing took " + ms + " ms");
                assertEquals(i, listener.refusedConnections());
            }

            release.countDown();
            byte[] one = new byte[1];
            first.receiveExactly(one, 0, 1);
            second.receiveExactly(one, 0, 1);
            assertEquals(7, one[0]);
            // Once the two are done, a new connection is served again.
            waitUntil(() -> listener.connectionsInProgress() == 0);
            try (Connection later = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT)) {
                assertTrue(started.tryAcquire(1, 5, TimeUnit.SECONDS));
                later.receiveExactly(one, 0, 1);
                assertEquals(7, one[0]);
            }
        } finally {
            release.countDown();
            listener.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aFailingHandlerDoesNotHurtTheListener() throws Exception {
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getByName("127.0.0.1"))
                .handler(c -> {
                    byte[] one = new byte[1];
                    c.receiveExactly(one, 0, 1);
                    if (one[0] == 'x') {
                        throw new IllegalStateException("handler bug (expected by the test; logged as a warning)");
                    }
                    if (one[0] == 'i') {
                        throw new IOException("handler I/O failure (expected by the test; logged as a warning)");
                    }
                    c.send(one, 0, 1);
                })
                .start();
        try {
            for (byte b : new byte[] {'x', 'i'}) {
                try (Connection c = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT)) {
                    c.send(new byte[] {b}, 0, 1);
                    assertEquals(-1, c.receive(new byte[1], 0, 1), "the failed handler's connection is closed");
                }
            }
            try (Connection c = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT)) {
                c.send(new byte[] {'k'}, 0, 1);
                byte[] one = new byte[1];
                c.receiveExactly(one, 0, 1);
                assertEquals('k', one[0]);
            }
            assertTrue(listener.isAccepting());
        } finally {
            listener.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void stopLetsHandlersFinishWithinTheGraceThenClosesTheRestAndReports() throws Exception {
        Semaphore started = new Semaphore(0);
        BlockingQueue<Throwable> stuckEnded = new ArrayBlockingQueue<>(1);
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getByName("127.0.0.1"))
                .handler(c -> {
                    byte[] one = new byte[1];
                    c.receiveExactly(one, 0, 1);
                    started.release();
                    if (one[0] == 'q') { // quick: finishes 200 ms into the grace period
                        sleep(400);
                        c.send(one, 0, 1);
                    } else { // stuck: waits for bytes that never come (30 s receive timeout)
                        try {
                            c.receive(new byte[1], 0, 1);
                            stuckEnded.add(new AssertionError("receive returned"));
                        } catch (IOException e) {
                            stuckEnded.add(e);
                        }
                    }
                })
                .start();
        try (Connection quick = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT);
             Connection stuck = TcpConnections.connect("127.0.0.1", listener.port(), CLIENT)) {
            quick.send(new byte[] {'q'}, 0, 1);
            stuck.send(new byte[] {'s'}, 0, 1);
            assertTrue(started.tryAcquire(2, 5, TimeUnit.SECONDS));

            long start = System.nanoTime();
            Listener.StopReport report = listener.stop(Duration.ofMillis(800));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(new Listener.StopReport(1, 1, 0), report);
            assertTrue(ms >= 750 && ms < 3000, "stop took " + ms + " ms for an 800 ms grace");
            assertFalse(listener.isAccepting());
            assertEquals(0, listener.connectionsInProgress());
            Throwable e = stuckEnded.poll(1, TimeUnit.SECONDS);
            assertInstanceOf(ConnectionClosedException.class, e, "the stuck handler was woken by the close");

            byte[] one = new byte[1];
            quick.receiveExactly(one, 0, 1);
            assertEquals('q', one[0]);
            assertEquals(-1, stuck.receive(one, 0, 1));
            assertEquals(report, listener.stop(Duration.ZERO), "stop again returns the first report");
        } finally {
            listener.stop(Duration.ZERO);
        }
    }

    @Test
    void builderMistakesAreClearErrors() throws Exception {
        IllegalStateException noHandler = assertThrows(IllegalStateException.class, () -> Listener.builder().start());
        assertTrue(noHandler.getMessage().contains("handler"), noHandler.getMessage());
        assertEquals("port must be between 0 and 65535, was 65536",
                assertThrows(IllegalArgumentException.class, () -> Listener.builder().port(65536)).getMessage());
        assertEquals("maxConnectionsInProgress must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Listener.builder().maxConnectionsInProgress(0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Listener.builder()
                .shutdownSignal(new ShutdownSignal())
                .connectionOptions(ConnectionOptions.builder().shutdownSignal(new ShutdownSignal()).build())
                .handler(c -> { })
                .start());

        Listener first = Listener.builder().bindAddress(InetAddress.getByName("127.0.0.1")).handler(c -> { }).start();
        try {
            BindException e = assertThrows(BindException.class, () -> Listener.builder()
                    .bindAddress(InetAddress.getByName("127.0.0.1")).port(first.port()).handler(c -> { }).start());
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1 port " + first.port() + ": "),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> first.stop(Duration.ofMillis(-1)));
        } finally {
            first.stop(Duration.ZERO);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
