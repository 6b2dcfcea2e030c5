package org.streamtls.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 1000 connections through one listener, each echoing a random 64 KiB message; nothing left after stop. */
@Timeout(60)
class EchoLoadTest {

    private static final int CONNECTIONS = 1000;
    private static final int MESSAGE = 64 * 1024;
    private static final int CLIENT_THREADS = 8;

    /** Echoes until the client shuts down its output. */
    private static void echo(Connection c) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        for (int n; (n = c.receive(chunk, 0, chunk.length)) > 0; ) {
            c.send(chunk, 0, n);
        }
    }

    @Test
    void thousandConnectionsEchoRandom64KiBMessagesAndStopLeavesNothing() throws Exception {
        long fdsBefore = openFileDescriptors();
        Queue<Thread> handlerThreads = new ConcurrentLinkedQueue<>();
        AtomicInteger handled = new AtomicInteger();
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getByName("127.0.0.1"))
                .maxConnectionsInProgress(CONNECTIONS)
                .connectionOptions(ConnectionOptions.builder().receiveTimeout(Duration.ofSeconds(20)).build())
                .handler(c -> {
                    handlerThreads.add(Thread.currentThread());
                    echo(c);
                    handled.incrementAndGet();
                })
                .start();
        String handlerPrefix = "streamtls-handler-" + listener.port() + "-";
        ConnectionOptions client = ConnectionOptions.builder()
                .connectTimeout(Duration.ofSeconds(10))
                .receiveTimeout(Duration.ofSeconds(20))
                .build();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        Listener.StopReport report;
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                int first = t;
                results.add(clients.submit(() -> {
                    for (int i = first; i < CONNECTIONS; i += CLIENT_THREADS) {
                        byte[] message = new byte[MESSAGE];
                        new SplittableRandom(i).nextBytes(message);
                        byte[] echoed = new byte[MESSAGE];
                        try (Connection c = TcpConnections.connect("127.0.0.1", listener.port(), client)) {
                            c.send(message, 0, message.length);
                            c.shutdownOutput();
                            c.receiveExactly(echoed, 0, echoed.length);
                            assertEquals(-1, c.receive(new byte[1], 0, 1), "connection " + i + " ends after the echo");
                        }
                        assertArrayEquals(message, echoed, "connection " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
            report = listener.stop(Duration.ofSeconds(5));
        }

        assertEquals(CONNECTIONS, handled.get());
        assertEquals(CONNECTIONS, handlerThreads.size());
        // Every client got its echo and end of stream, so no handler needed forcing; a few may
        // still have been in their last steps (closing) when stop began.
        assertEquals(0, report.forceClosed(), report.toString());
        assertEquals(0, report.stillRunning(), report.toString());
        assertEquals(0, listener.connectionsInProgress());
        assertEquals(0, listener.refusedConnections());
        assertFalse(listener.isAccepting());
        // No handler thread is left, virtual or platform ...
        for (Thread t : handlerThreads) {
            t.join(5000);
            assertFalse(t.isAlive(), t + " still alive after stop");
        }
        assertTrue(handlerThreads.stream().allMatch(t -> t.getName().startsWith(handlerPrefix)));
        // ... nor any platform thread of this listener by name (virtual threads are not listed) ...
        long named = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(handlerPrefix)
                        || t.getName().equals("streamtls-accept-" + listener.port()))
                .count();
        assertEquals(0, named, "listener threads alive after stop");
        // ... nor a socket (Linux: count this process's file descriptors).
        long fdsAfter = openFileDescriptors();
        if (fdsBefore >= 0) {
            assertTrue(fdsAfter <= fdsBefore + 5, "file descriptors before " + fdsBefore + ", after " + fdsAfter);
        }
    }

    /** Open file descriptors of this JVM, or -1 where /proc is missing. */
    private static long openFileDescriptors() throws IOException {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        }
    }
}
