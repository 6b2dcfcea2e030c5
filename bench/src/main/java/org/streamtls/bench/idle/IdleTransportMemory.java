package org.streamtls.bench.idle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;

/**
 * Heap held by one idle plain transport server connection: a {@link Listener} (a virtual thread per
 * connection on JDK 21 and later) whose handlers echo a 5-byte hello and then block in a 5-byte
 * receive, as a TLS server waits for the next record header. The clients live in a child JVM
 * ({@link IdleClients}). Heap in use after {@code System.gc()} with {@code n} idle connections,
 * minus the same after warm-up connections were opened and closed, divided by {@code n}; the
 * virtual threads' stacks are on the heap and so included.
 *
 * <pre>
 * java -cp bench/target/classes:transport/target/classes \
 *      org.streamtls.bench.idle.IdleTransportMemory [connections=2000] [receiveBufferSize]
 * </pre>
 *
 * Prints one line: the JDK, the buffer size, and KiB per connection. Not an API: a measurement.
 */
public final class IdleTransportMemory {

    private IdleTransportMemory() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        ConnectionOptions.Builder options = ConnectionOptions.builder().receiveTimeout(Duration.ofMinutes(10));
        if (args.length > 1) {
            options.receiveBufferSize(Integer.parseInt(args[1]));
        }
        ConnectionOptions built = options.build();
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .maxConnectionsInProgress(n + 100)
                .connectionOptions(built)
                .handler(IdleTransportMemory::echoHeaders)
                .start();
        try {
            runClients(listener, 100, null);
            waitFor(listener, 0);
            long baseline = heapAfterGc();
            long[] measured = new long[1];
            runClients(listener, n, () -> {
                waitFor(listener, n);
                Thread.sleep(500); // every handler back in its blocking receive
                measured[0] = heapAfterGc();
            });
            double perConnection = (measured[0] - baseline) / (double) n;
            System.out.printf(Locale.ROOT, "java %s, receiveBufferSize %d, %d idle connections: %.2f KiB heap each%n",
                    Runtime.version(), built.receiveBufferSize(), n, perConnection / 1024);
        } finally {
            listener.stop(Duration.ZERO);
        }
    }

    /** Echoes what arrives, 5 bytes at a time, until the end of the stream. */
    private static void echoHeaders(Connection c) throws IOException {
        byte[] header = new byte[5];
        for (int got; (got = c.receive(header, 0, header.length)) > 0; ) {
            c.send(header, 0, got);
        }
    }

    private interface WhileOpen {
        void run() throws Exception;
    }

    /** Runs {@code n} clients in a child JVM; {@code whileOpen} runs once they are all connected. */
    private static void runClients(Listener listener, int n, WhileOpen whileOpen) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IdleClients.class.getName(), String.valueOf(listener.port()), String.valueOf(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"READY".equals(line)) {
                throw new IOException("clients did not connect: " + line);
            }
            if (whileOpen != null) {
                whileOpen.run();
            }
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("clients did not end");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static void waitFor(Listener listener, int inProgress) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (listener.connectionsInProgress() != inProgress) {
            if (System.nanoTime() > deadline) {
                throw new IOException(listener.connectionsInProgress() + " connections in progress, expected " + inProgress);
            }
            Thread.sleep(20);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
