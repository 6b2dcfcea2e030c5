package org.streamtls.bench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The server side of the idle-memory test, in a JVM of its own started by {@link CompareRunner}
 * with Native Memory Tracking on, so that what it measures is the server's connections alone (the
 * clients live in the runner's JVM). Driven line by line over stdin/stdout:
 *
 * <pre>
 * PKI n, then n lines        the certificates ({@link Pki#encode()})
 * START key scenario threads  -> PORT p        a server of that contender, one thread per connection
 * BASELINE                    -> OK            after the warm-up connections closed: GC, snapshot
 * MEASURE n                   -> RESULT h t o c  once n connections are open and idle: GC, snapshot;
 *                                              heap, thread and other native bytes per connection,
 *                                              and the classes whose heap grew most
 * STOP                        -> STOPPED       closes the server and its connections
 * EXIT
 * </pre>
 *
 * Errors are answered with a line starting ERROR. Not an API: a tool of the comparison runner.
 */
public final class IdleServerProcess {

    private static final Pattern CATEGORY = Pattern.compile(
            "^-\\s+(\\S.*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);
    private static final Pattern HISTOGRAM_LINE = Pattern.compile(
            "^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /**
     * The NMT categories besides Thread that can hold memory per connection: direct buffers and
     * Unsafe allocations (Other, NIO), the VM's internal and monitor structures. JIT, GC
     * bookkeeping, code and class metadata are left out: they do not belong to a connection and move
     * by megabytes on their own between two snapshots.
     */
    private static final java.util.Set<String> PER_CONNECTION_NATIVE = java.util.Set.of(
            "Other", "NIO", "Internal", "Synchronization", "Synchronizer", "Object Monitors");

    private IdleServerProcess() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Pki pki = null;
        Map<String, Contender> contenders = new HashMap<>();
        ServerLoop loop = null;
        Snapshot baseline = null;
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ");
            try {
                switch (words[0]) {
                    case "PKI": {
                        int n = Integer.parseInt(words[1]);
                        List<String> lines = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            lines.add(in.readLine());
                        }
                        pki = Pki.decode(lines);
                        out.println("OK");
                        break;
                    }
                    case "START": {
                        Pki certificates = pki;
                        Contender contender = contenders.computeIfAbsent(words[1],
                                key -> Contenders.create(key, certificates));
                        loop = contender.listen(Scenario.byName(words[2]), ThreadKind.byLabel(words[3]),
                                BulkTransfer::drain);
                        out.println("PORT " + loop.port());
                        break;
                    }
                    case "BASELINE": {
                        ServerLoop server = loop;
                        if (!waitFor(() -> server.active() == 0, 30_000)) {
                            out.println("ERROR " + server.active() + " warm-up connections are still open");
                            break;
                        }
                        baseline = Snapshot.take();
                        out.println("OK");
                        break;
                    }
                    case "MEASURE": {
                        int n = Integer.parseInt(words[1]);
                        ServerLoop server = loop;
                        if (!waitFor(() -> server.active() >= n, 120_000)) {
                            out.println("ERROR only " + server.active() + " of " + n + " connections are open"
                                    + failure(server));
                            break;
                        }
                        Thread.sleep(500); // let every handler reach its blocking read
                        Snapshot now = Snapshot.take();
                        if (server.firstFailure() != null) {
                            out.println("ERROR" + failure(server));
                            break;
                        }
                        out.println("RESULT " + (now.heapUsed - baseline.heapUsed) / (double) n
                                + " " + (now.thread - baseline.thread) / (double) n
                                + " " + (now.otherNative - baseline.otherNative) / (double) n
                                + " " + largestGrowth(baseline.histogram, now.histogram, n));
                        break;
                    }
                    case "STOP":
                        if (loop != null) {
                            loop.close();
                            loop = null;
                        }
                        out.println("STOPPED");
                        break;
                    case "EXIT":
                        return;
                    default:
                        out.println("ERROR unknown command " + line);
                }
            } catch (Exception e) {
                out.println("ERROR " + e.toString().replace('\n', ' '));
            }
        }
    }

    /**
     * The classes whose heap grew most between two histograms, per connection, as
     * "class:bytes:instances" items separated by commas (at most six).
     */
    static String largestGrowth(Map<String, long[]> before, Map<String, long[]> after, int n) {
        List<Map.Entry<String, long[]>> growth = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] old = before.getOrDefault(e.getKey(), new long[2]);
            growth.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - old[0], e.getValue()[1] - old[1]}));
        }
        growth.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        StringBuilder items = new StringBuilder();
        for (Map.Entry<String, long[]> e : growth.subList(0, Math.min(6, growth.size()))) {
            if (e.getValue()[1] <= 0) {
                break;
            }
            items.append(items.length() == 0 ? "" : ",").append(e.getKey()).append(':')
                    .append(Math.round(e.getValue()[1] / (double) n)).append(':')
                    .append(String.format(Locale.ROOT, "%.1f", e.getValue()[0] / (double) n));
        }
        return items.length() == 0 ? "-" : items.toString();
    }

    private static String failure(ServerLoop server) {
        Throwable t = server.firstFailure();
        return t == null ? "" : " (server failure: " + t.toString().replace('\n', ' ') + ")";
    }

    private static boolean waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * The JVM's memory at one moment, after full GCs: heap in use (live objects, virtual thread
     * stacks included), and from Native Memory Tracking the committed memory of threads (platform
     * thread stacks and thread structures) and of the other categories that can grow per connection.
     */
    private static final class Snapshot {
        final long heapUsed;
        final long thread;
        final long otherNative;
        /** Class name to {instances, bytes}, live objects only. */
        final Map<String, long[]> histogram;

        private Snapshot(long heapUsed, long thread, long otherNative, Map<String, long[]> histogram) {
            this.heapUsed = heapUsed;
            this.thread = thread;
            this.otherNative = otherNative;
            this.histogram = histogram;
        }

        static Snapshot take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            String nmt = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Matcher total = TOTAL.matcher(nmt);
            if (!total.find()) {
                throw new IllegalStateException("Native Memory Tracking is off: " + nmt.trim());
            }
            long thread = 0;
            long other = 0;
            for (Matcher m = CATEGORY.matcher(nmt); m.find(); ) {
                long committed = Long.parseLong(m.group(3)) * 1024;
                String category = m.group(1);
                if (category.equals("Thread")) {
                    thread = committed;
                } else if (PER_CONNECTION_NATIVE.contains(category)) {
                    other += committed;
                }
            }
            String classes = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Map<String, long[]> histogram = new HashMap<>();
            for (Matcher m = HISTOGRAM_LINE.matcher(classes); m.find(); ) {
                histogram.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
            return new Snapshot(heap, thread, other, histogram);
        }
    }
}
