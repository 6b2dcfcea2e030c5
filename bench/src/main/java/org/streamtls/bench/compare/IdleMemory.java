package org.streamtls.bench.compare;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Memory per idle TLS server connection. The server runs in a child JVM ({@link IdleServerProcess},
 * Native Memory Tracking on); this JVM opens the client connections. For each configuration: a few
 * warm-up connections are opened and closed (classes loaded, caches filled), the child takes a
 * baseline after GC, then {@code n} connections are opened, each handshaken and idle (its server
 * handler blocked in a read), and the child measures again after GC. The difference divided by
 * {@code n} is the cost of one idle connection: heap in use, committed thread memory, and other
 * committed native memory.
 */
final class IdleMemory implements Closeable {

    /** One measurement, in bytes per connection. */
    /**
     * @param largestHeapGrowth the classes whose live heap grew most, per connection, as
     *        "class:bytes:instances" items separated by commas; "-" when none grew
     */
    record Sample(double heap, double threads, double otherNative, String largestHeapGrowth) {
        double total() {
            return heap + threads + otherNative;
        }
    }

    private final Process child;
    private final BufferedReader fromChild;
    private final PrintWriter toChild;

    IdleMemory(Pki pki) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:NativeMemoryTracking=summary", "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), IdleServerProcess.class.getName());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        child = builder.start();
        fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        List<String> lines = pki.encode();
        toChild.println("PKI " + lines.size());
        lines.forEach(toChild::println);
        expect("OK");
    }

    /**
     * Measures one configuration: {@code contender} (whose client side runs here) against the same
     * contender's server in the child, {@code threads} per connection there.
     */
    Sample measure(String key, Contender contender, Scenario scenario, ThreadKind threads, int n)
            throws IOException {
        toChild.println("START " + key + " " + scenario.key() + " " + threads.label());
        String port = expect("PORT").substring("PORT ".length());
        int serverPort = Integer.parseInt(port);
        List<Endpoint> clients = new ArrayList<>(n);
        try {
            int warmUp = Math.min(50, n);
            for (int i = 0; i < warmUp; i++) {
                clients.add(contender.connect(serverPort, scenario));
            }
            closeAll(clients);
            toChild.println("BASELINE");
            expect("OK");
            for (int i = 0; i < n; i++) {
                clients.add(contender.connect(serverPort, scenario));
            }
            toChild.println("MEASURE " + n);
            String[] result = expect("RESULT").split(" ");
            return new Sample(Double.parseDouble(result[1]), Double.parseDouble(result[2]),
                    Double.parseDouble(result[3]), result.length > 4 ? result[4] : "-");
        } finally {
            closeAll(clients);
            toChild.println("STOP");
            expect("STOPPED");
        }
    }

    private static void closeAll(List<Endpoint> clients) {
        for (Endpoint e : clients) {
            ServerLoop.closeQuietly(e);
        }
        clients.clear();
    }

    private String expect(String prefix) throws IOException {
        String line = fromChild.readLine();
        if (line == null) {
            throw new IOException("the memory test's server process ended unexpectedly");
        }
        if (!line.startsWith(prefix)) {
            throw new IOException("memory test server: " + line);
        }
        return line;
    }

    @Override
    public void close() {
        toChild.println("EXIT");
        try {
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
