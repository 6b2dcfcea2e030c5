package org.streamtls.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side comparison: StreamTLS (each crypto backend) against the JDK's JSSE and plain TCP,
 * end to end over 127.0.0.1, in one run where the configurations take turns round after round so
 * that the noise of a shared machine hits them all alike.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.streamtls.bench.compare.CompareRunner [--quick] [--out BENCHMARKS.md]
 * </pre>
 *
 * <ul>
 *   <li><b>bulk</b>: 256 MiB one way in 16 KiB writes, TLS 1.3 AES-128-GCM and TLS 1.2
 *       ECDHE-RSA-AES128-GCM, MB/s (10^6 B/s), median of the rounds, ratio to JSSE and to plain
 *       TCP; {@link BulkTransfer}.</li>
 *   <li><b>handshake</b>: full TLS 1.3 X25519 handshakes per second, ECDSA P-256 and RSA-2048, one
 *       client thread, a new TCP connection each; {@link HandshakeRate}.</li>
 *   <li><b>idle</b>: memory per idle TLS 1.3 server connection, platform and (JDK 21+) virtual
 *       threads; {@link IdleMemory}.</li>
 * </ul>
 * Each test starts with a warm-up round that is not counted (in bulk it checks every byte). It
 * prints its progress, then the medians and ratios, and with {@code --out} writes this JDK's
 * section of BENCHMARKS.md (other JDKs' sections are kept; {@link MarkdownReport}). {@code --quick}
 * runs everything small: a smoke test that every configuration works, not a measurement.
 *
 * <p>Exit status 0 when every configuration produced its numbers, 1 when one failed (the report
 * says which and why), 2 for a bad command line.
 */
public final class CompareRunner {

    private final CompareOptions options;
    private final PrintStream out;

    private CompareRunner(CompareOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        CompareOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(CompareOptions.USAGE);
                return;
            }
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CompareOptions.USAGE);
            System.exit(2);
            return;
        }
        Results results = run(options, System.out);
        boolean failed = results.all().stream().anyMatch(s -> s.failure() != null);
        System.exit(failed ? 1 : 0);
    }

    /** Runs the tests the options ask for, prints progress and summary, writes the report if asked. */
    static Results run(CompareOptions options, PrintStream out) throws IOException {
        return new CompareRunner(options, out).run();
    }

    private Results run() throws IOException {
        Machine machine = Machine.describe();
        Results results = new Results(machine, options);
        out.println("StreamTLS comparison" + (options.quick() ? " (QUICK: a smoke run, not a measurement)" : ""));
        out.println("  " + machine.summary());
        out.println("  " + machine.date() + ", load average " + String.format(Locale.ROOT, "%.2f", machine.loadAtStart())
                + ", " + options.commandLine());
        Pki pki = Pki.generate();
        Map<String, Contender> contenders = new LinkedHashMap<>();
        for (String key : options.contenders()) {
            contenders.put(key, Contenders.create(key, pki));
        }
        if (options.runs(Results.BULK)) {
            bulk(contenders, results);
        }
        if (options.runs(Results.HANDSHAKE)) {
            handshakes(contenders, results);
        }
        if (options.runs(Results.IDLE)) {
            idle(pki, contenders, results);
        }
        results.loadAtEnd(Machine.load());
        out.println();
        out.print(MarkdownReport.summary(results));
        if (options.out() != null) {
            MarkdownReport.write(options.out(), results);
            out.println("wrote " + options.out().toAbsolutePath());
        }
        return results;
    }

    private void bulk(Map<String, Contender> contenders, Results results) {
        List<Scenario> scenarios = List.of(Scenario.TLS13_ECDSA, Scenario.TLS12_RSA);
        String size = options.bulkBytes() / (1024 * 1024) + " MiB";
        out.println();
        out.println("== bulk: " + size + " one way, 16 KiB writes, " + options.rounds() + " rounds after a warm-up");
        List<Running> servers = start(contenders, scenarios, BulkTransfer.receiver(), Results.BULK, "MB/s", results);
        try {
            for (int round = 0; round <= options.rounds(); round++) {
                boolean warmUp = round == 0;
                for (Running r : rotate(servers, round)) {
                    if (r.series.failure() != null) {
                        continue;
                    }
                    boolean verify = warmUp || options.quick();
                    try (Endpoint client = r.contender.connect(r.server.port(), r.scenario)) {
                        checkNegotiated(r, client);
                        Rate mbps = BulkTransfer.send(client, options.bulkBytes(), verify);
                        if (verify) {
                            r.series.verified();
                        }
                        if (!warmUp) {
                            r.series.add(mbps);
                        }
                        progress(round, r, String.format(Locale.ROOT, "%8.0f MB/s %8.0f MB/CPU-s%s", mbps.perSecond(),
                                mbps.perCpuSecond(), verify ? " (bytes checked: intact)" : ""));
                    } catch (IOException | RuntimeException e) {
                        fail(r, e);
                    }
                }
            }
        } finally {
            stop(servers);
        }
    }

    private void handshakes(Map<String, Contender> contenders, Results results) {
        List<Scenario> scenarios = List.of(Scenario.TLS13_ECDSA, Scenario.TLS13_RSA);
        out.println();
        out.println("== handshakes: full TLS 1.3 X25519, one client thread, new TCP connection each, "
                + options.handshakesPerRound() + " per round, " + options.rounds() + " rounds after a warm-up of at least "
                + options.warmUpSeconds() + " s per configuration");
        List<Running> servers = start(contenders, scenarios, HandshakeRate.greeter(), Results.HANDSHAKE,
                "handshakes/s", results);
        try {
            for (int round = 0; round <= options.rounds(); round++) {
                for (Running r : rotate(servers, round)) {
                    if (r.series.failure() != null) {
                        continue;
                    }
                    try {
                        try (Endpoint first = r.contender.connect(r.server.port(), r.scenario)) {
                            checkNegotiated(r, first);
                        }
                        long before = r.contender.fullHandshakes();
                        long warmUpEnds = System.nanoTime() + options.warmUpSeconds() * 1_000_000_000L;
                        long count = 0;
                        Rate rate;
                        do { // the warm-up round repeats until its time is up
                            rate = HandshakeRate.run(r.contender, r.server.port(), r.scenario,
                                    options.handshakesPerRound());
                            count += options.handshakesPerRound();
                        } while (round == 0 && System.nanoTime() < warmUpEnds);
                        long full = r.contender.fullHandshakes() - before;
                        if (full < count) {
                            throw new IOException("only " + full + " of " + count
                                    + " handshakes were full ones: the others resumed a session");
                        }
                        r.series.verified();
                        if (round > 0) {
                            r.series.add(rate);
                        }
                        progress(round, r, String.format(Locale.ROOT, "%8.0f %s/s %8.0f per CPU-s", rate.perSecond(),
                                r.contender.isTls() ? "handshakes" : "connections", rate.perCpuSecond()));
                    } catch (IOException | RuntimeException e) {
                        fail(r, e);
                    }
                }
            }
        } finally {
            stop(servers);
        }
    }

    private void idle(Pki pki, Map<String, Contender> contenders, Results results) throws IOException {
        int n = options.idleConnections();
        out.println();
        out.println("== idle memory: " + n + " idle TLS 1.3 server connections per configuration,"
                + " server in a child JVM with Native Memory Tracking");
        List<ThreadKind> kinds = new ArrayList<>();
        for (ThreadKind kind : ThreadKind.values()) {
            if (kind.available()) {
                kinds.add(kind);
            } else {
                String note = kind.label() + " threads: not measured, this JDK (" + Runtime.version().feature()
                        + ") has none (JDK 21+)";
                results.note(note);
                out.println("  " + note);
            }
        }
        try (IdleMemory memory = new IdleMemory(pki)) {
            for (int round = 1; round <= options.idleRounds(); round++) {
                for (ThreadKind kind : kinds) {
                    for (Map.Entry<String, Contender> e : contenders.entrySet()) {
                        Contender contender = e.getValue();
                        Series series = results.series(Results.IDLE, kind.label() + " threads", contender.name(),
                                "bytes/connection");
                        if (series.failure() != null) {
                            continue;
                        }
                        try {
                            IdleMemory.Sample s = memory.measure(e.getKey(), contender, Scenario.TLS13_ECDSA, kind, n);
                            series.add(s.total());
                            series.addPart(MarkdownReport.HEAP, s.heap());
                            series.addPart(MarkdownReport.THREADS, s.threads());
                            series.addPart(MarkdownReport.OTHER, s.otherNative());
                            series.verified();
                            series.detail(s.largestHeapGrowth());
                            out.printf(Locale.ROOT, "  [idle %d/%d] %-9s %-20s %7.1f KiB/connection (heap %.1f, threads %.1f,"
                                    + " other native %.1f)%n", round, options.idleRounds(), kind.label(),
                                    contender.name(), s.total() / 1024, s.heap() / 1024, s.threads() / 1024,
                                    s.otherNative() / 1024);
                            out.println("      heap grew most in: " + MarkdownReport.heapGrowth(s.largestHeapGrowth()));
                        } catch (IOException | RuntimeException ex) {
                            series.fail(ex.toString());
                            out.println("  [idle] " + kind.label() + " " + contender.name() + " FAILED: " + ex);
                        }
                    }
                }
            }
        }
    }

    /** A contender's server for one scenario, with the series it feeds. */
    private static final class Running {
        final Contender contender;
        final Scenario scenario;
        final ServerLoop server;
        final Series series;
        final String test;

        Running(Contender contender, Scenario scenario, ServerLoop server, Series series, String test) {
            this.contender = contender;
            this.scenario = scenario;
            this.server = server;
            this.series = series;
            this.test = test;
        }
    }

    private List<Running> start(Map<String, Contender> contenders, List<Scenario> scenarios, ServerLoop.Work work,
            String test, String unit, Results results) {
        List<Running> running = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (Contender contender : contenders.values()) {
                Series series = results.series(test, scenario.label(), contender.name(), unit);
                try {
                    running.add(new Running(contender, scenario,
                            contender.listen(scenario, ThreadKind.PLATFORM, work), series, test));
                } catch (IOException | RuntimeException e) {
                    series.fail(e.toString());
                    out.println("  " + contender.name() + " cannot start a server: " + e);
                }
            }
        }
        return running;
    }

    /** The order of the contenders shifts by one each round: none is always first or last. */
    private static List<Running> rotate(List<Running> servers, int round) {
        List<Running> order = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            order.add(servers.get((i + round) % servers.size()));
        }
        return order;
    }

    private static void checkNegotiated(Running r, Endpoint client) throws IOException {
        String expected = r.contender.isTls()
                ? r.scenario.version().displayName() + " " + r.scenario.suite().name() : "plain";
        if (!client.negotiated().equals(expected)) {
            throw new IOException(r.contender.name() + " negotiated " + client.negotiated() + ", not " + expected);
        }
        r.series.negotiated(client.negotiated());
    }

    private void progress(int round, Running r, String what) {
        out.printf(Locale.ROOT, "  [%s %s] %-34s %-18s %s%n", r.test, round == 0 ? "warm-up" : round + "/" + options.rounds(),
                r.scenario.label(), r.contender.name(), what);
    }

    private void fail(Running r, Exception e) {
        Throwable server = r.server.firstFailure();
        String why = e + (server != null && server != e ? "; server side: " + server : "");
        r.series.fail(why);
        out.println("  " + r.test + " " + r.scenario.label() + " " + r.contender.name() + " FAILED: " + why);
    }

    private static void stop(List<Running> servers) {
        for (Running r : servers) {
            r.server.close();
        }
    }
}
