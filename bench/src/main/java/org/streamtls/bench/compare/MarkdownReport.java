package org.streamtls.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes BENCHMARKS.md: how to run it, the targets at a glance (every JDK), hand-written notes,
 * the method, then one section per JDK feature version. Writing replaces this JDK's section and
 * keeps the others, so a run on JDK 17 and one on JDK 25 end up side by side in one file; text
 * between {@code <!-- notes begin -->} and {@code <!-- notes end -->} is kept as it is.
 */
final class MarkdownReport {

    static final String HEAP = "heap";
    static final String THREADS = "threads";
    static final String OTHER = "other native";

    private static final Pattern VERDICT = Pattern.compile("<!-- verdict: (.*?) \\| (.*?) \\| (.*?) -->");
    /** Hand-written analysis between these markers survives every rewrite. */
    private static final Pattern NOTES = Pattern.compile("<!-- notes begin -->.*?<!-- notes end -->", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile(
            "<!-- section jdk-(\\d+) -->\\n(.*?)<!-- end jdk-\\1 -->\\n?", Pattern.DOTALL);

    private MarkdownReport() {
    }

    /** Creates or updates {@code file}: this run's JDK section replaced, the others kept. */
    static void write(Path file, Results results) throws IOException {
        Map<Integer, String> sections = new TreeMap<>();
        String notes = "";
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = SECTION.matcher(old);
            while (m.find()) {
                sections.put(Integer.parseInt(m.group(1)), m.group(2));
            }
            Matcher n = NOTES.matcher(old);
            if (n.find()) {
                notes = n.group();
            }
        }
        sections.put(results.machine().jdkFeature(), section(results));
        StringBuilder md = new StringBuilder(intro());
        md.append(atAGlance(sections));
        if (!notes.isEmpty()) {
            md.append(notes.strip()).append("\n\n");
        }
        md.append(method());
        md.append("## Results per JDK\n\n");
        for (Map.Entry<Integer, String> e : sections.entrySet()) {
            md.append("<!-- section jdk-").append(e.getKey()).append(" -->\n").append(e.getValue())
                    .append("<!-- end jdk-").append(e.getKey()).append(" -->\n\n");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, md.toString().stripTrailing() + "\n", StandardCharsets.UTF_8);
    }

    /** A table of every target against every JDK section in the file. */
    static String atAGlance(Map<Integer, String> sections) {
        Map<String, Map<Integer, String>> cells = new java.util.LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : sections.entrySet()) {
            Matcher m = VERDICT.matcher(e.getValue());
            while (m.find()) {
                String status = m.group(2).equals(Targets.MET) ? "**met**" : m.group(2);
                cells.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(e.getKey(),
                        status + " — " + m.group(3));
            }
        }
        if (cells.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## At a glance: the issue 6 targets\n\n| Target |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Map.Entry<Integer, String> e : sections.entrySet()) {
            md.append(" JDK ").append(e.getKey()).append(e.getValue().contains("QUICK RUN") ? " (quick run)" : "")
                    .append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        for (Map.Entry<String, Map<Integer, String>> row : cells.entrySet()) {
            md.append("| ").append(row.getKey()).append(" |");
            for (Integer jdk : sections.keySet()) {
                md.append(' ').append(row.getValue().getOrDefault(jdk, "—")).append(" |");
            }
            md.append('\n');
        }
        md.append("\nStreamTLS means its default crypto backend; ratios are of medians measured side by side in one"
                + " run on one JDK. Details, per-round values and the other backends are in each JDK's section.\n\n");
        return md.toString();
    }

    /** The results as text for the console: the same tables as the report. */
    static String summary(Results results) {
        return section(results).replaceAll("(?m)^<!-- verdict: .*-->\n", "");
    }

    static String section(Results results) {
        Machine m = results.machine();
        CompareOptions o = results.options();
        StringBuilder md = new StringBuilder();
        md.append("### JDK ").append(m.jdkFeature()).append(" — ").append(m.date())
                .append(o.quick() ? " — QUICK RUN, NOT A MEASUREMENT" : "").append("\n\n");
        md.append("- Machine: ").append(m.summary()).append('\n');
        md.append(String.format(Locale.ROOT, "- Load average (1 min): %.2f at the start, %.2f at the end%n",
                m.loadAtStart(), results.loadAtEnd()));
        md.append("- Options: `").append(o.commandLine()).append("`\n");
        for (String note : results.notes()) {
            md.append("- ").append(note).append('\n');
        }
        md.append('\n');

        md.append("#### Where we stand (issue 6 targets; ").append(Targets.STREAMTLS)
                .append(" against JSSE in this run)\n\n");
        md.append("| Target | Measured (medians) | Status |\n|---|---|---|\n");
        for (Targets.Verdict v : Targets.judge(results)) {
            md.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ")
                    .append(v.status().equals(Targets.MET) ? "**met**" : v.status()).append(" |\n");
        }
        md.append('\n');
        md.append("The fourth target, the record-encrypt hot path within 20 % of the raw JCA AEAD on a 16 KiB"
                + " record, is measured by the JMH benchmarks (`RecordProtectionBenchmark` against"
                + " `RawJcaAeadBenchmark`: `java -jar bench/target/benchmarks.jar`), not by this runner.\n\n");
        for (Targets.Verdict v : Targets.judge(results)) {
            md.append("<!-- verdict: ").append(v.target()).append(" | ").append(v.status()).append(" | ")
                    .append(v.measured().replace("-->", "")).append(" -->\n");
        }
        md.append('\n');

        if (!results.of(Results.BULK).isEmpty()) {
            md.append("#### Bulk throughput, one connection, ").append(o.bulkBytes() / (1024 * 1024))
                    .append(" MiB one way in 16 KiB writes (MB/s = 10^6 B/s; median of ").append(o.rounds())
                    .append(" rounds)\n\n");
            for (String scenario : results.scenarios(Results.BULK)) {
                md.append("**").append(scenario).append("**\n\n");
                md.append("| Contender | MB/s | × JSSE | × plain TCP | rounds (MB/s) | MB per CPU-s | × JSSE"
                        + " per CPU-s | negotiated, checked |\n");
                md.append("|---|---:|---:|---:|---|---:|---:|---|\n");
                for (Series s : rows(results, Results.BULK, scenario)) {
                    md.append("| ").append(s.contender()).append(" | ").append(value(s, "%.0f"))
                            .append(" | ").append(ratio(results, s, JsseContender.NAME))
                            .append(" | ").append(ratio(results, s, PlainTcpContender.NAME))
                            .append(" | ").append(samples(s))
                            .append(" | ").append(cpuValue(s)).append(" | ").append(cpuRatio(results, s, JsseContender.NAME))
                            .append(" | ").append(checked(s)).append(" |\n");
                }
                md.append('\n');
            }
        }

        if (!results.of(Results.HANDSHAKE).isEmpty()) {
            md.append("#### Full handshakes per second, TLS 1.3 X25519, one client thread, new TCP connection"
                    + " each (median of ").append(o.rounds()).append(" rounds of ").append(o.handshakesPerRound())
                    .append(", after ").append(o.warmUpSeconds()).append(" s of warm-up per configuration)\n\n");
            for (String scenario : results.scenarios(Results.HANDSHAKE)) {
                md.append("**").append(scenario).append("**\n\n");
                md.append("| Contender | per second | × JSSE | rounds | per CPU-s | × JSSE per CPU-s"
                        + " | negotiated, checked |\n");
                md.append("|---|---:|---:|---|---:|---:|---|\n");
                for (Series s : rows(results, Results.HANDSHAKE, scenario)) {
                    String name = s.contender().equals(PlainTcpContender.NAME)
                            ? PlainTcpContender.NAME + " (connections, no TLS)" : s.contender();
                    md.append("| ").append(name).append(" | ").append(value(s, "%.0f"))
                            .append(" | ").append(s.contender().equals(PlainTcpContender.NAME) ? ""
                                    : ratio(results, s, JsseContender.NAME))
                            .append(" | ").append(samples(s))
                            .append(" | ").append(cpuValue(s)).append(" | ").append(s.contender().equals(PlainTcpContender.NAME)
                                    ? "" : cpuRatio(results, s, JsseContender.NAME))
                            .append(" | ").append(checked(s)).append(" |\n");
                }
                md.append('\n');
            }
        }

        if (!results.of(Results.IDLE).isEmpty()) {
            md.append("#### Memory per idle TLS 1.3 server connection (").append(o.idleConnections())
                    .append(" connections, ECDSA P-256, KiB per connection)\n\n");
            md.append("| Threads | Contender | total | heap | thread memory | other native | × JSSE |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|\n");
            for (String threads : results.scenarios(Results.IDLE)) {
                for (Series s : rows(results, Results.IDLE, threads)) {
                    md.append("| ").append(threads).append(" | ").append(s.contender()).append(" | ");
                    if (s.failure() != null || s.samples().isEmpty()) {
                        md.append(s.failure() == null ? "no result" : "FAILED: " + s.failure())
                                .append(" | | | | |\n");
                        continue;
                    }
                    md.append(String.format(Locale.ROOT, "%.1f | %.1f | %.1f | %.1f | ", s.median() / 1024,
                            s.partMedian(HEAP) / 1024, s.partMedian(THREADS) / 1024, s.partMedian(OTHER) / 1024))
                            .append(s.contender().equals(PlainTcpContender.NAME) ? ""
                                    : ratio(results, s, JsseContender.NAME)).append(" |\n");
                }
            }
            md.append('\n');
            md.append("Where the heap of one idle connection goes (live bytes per connection of the classes that"
                    + " grew most; instances per connection in brackets):\n\n");
            for (String threads : results.scenarios(Results.IDLE)) {
                for (Series s : rows(results, Results.IDLE, threads)) {
                    if (!s.detail().isEmpty()) {
                        md.append("- ").append(threads).append(", ").append(s.contender()).append(": ")
                                .append(heapGrowth(s.detail())).append('\n');
                    }
                }
            }
            md.append('\n');
        }

        List<Series> failed = results.all().stream().filter(s -> s.failure() != null).toList();
        if (!failed.isEmpty()) {
            md.append("#### Failures\n\n");
            for (Series s : failed) {
                md.append("- ").append(s.test()).append(", ").append(s.scenario()).append(", ")
                        .append(s.contender()).append(": ").append(s.failure()).append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** "class:bytes:instances,..." as "byte[] 16.5 KiB (2.0), ...". */
    static String heapGrowth(String items) {
        if (items == null || items.isEmpty() || items.equals("-")) {
            return "nothing grew";
        }
        StringBuilder b = new StringBuilder();
        for (String item : items.split(",")) {
            String[] f = item.split(":");
            if (f.length != 3) {
                continue;
            }
            b.append(b.length() == 0 ? "" : ", ").append('`').append(javaName(f[0])).append("` ")
                    .append(String.format(Locale.ROOT, "%.1f KiB (%s)", Long.parseLong(f[1]) / 1024.0, f[2]));
        }
        return b.toString();
    }

    private static String javaName(String vmName) {
        switch (vmName) {
            case "[B":
                return "byte[]";
            case "[C":
                return "char[]";
            case "[I":
                return "int[]";
            case "[J":
                return "long[]";
            case "[S":
                return "short[]";
            case "[Z":
                return "boolean[]";
            default:
                if (vmName.startsWith("[L") && vmName.endsWith(";")) {
                    return vmName.substring(2, vmName.length() - 1) + "[]";
                }
                return vmName;
        }
    }

    private static List<Series> rows(Results results, String test, String scenario) {
        return results.of(test).stream().filter(s -> s.scenario().equals(scenario)).toList();
    }

    private static String value(Series s, String format) {
        if (s.failure() != null) {
            return "FAILED";
        }
        return s.samples().isEmpty() ? "—" : String.format(format, s.median());
    }

    private static String ratio(Results results, Series s, String reference) {
        Optional<Series> ref = results.find(s.test(), s.scenario(), reference);
        if (ref.isEmpty() || ref.get().samples().isEmpty() || s.samples().isEmpty() || s.failure() != null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f", s.median() / ref.get().median());
    }

    private static String cpuValue(Series s) {
        return s.failure() != null || s.cpuSamples().isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f", s.cpuMedian());
    }

    private static String cpuRatio(Results results, Series s, String reference) {
        Optional<Series> ref = results.find(s.test(), s.scenario(), reference);
        if (ref.isEmpty() || ref.get().cpuSamples().isEmpty() || s.cpuSamples().isEmpty() || s.failure() != null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f", s.cpuMedian() / ref.get().cpuMedian());
    }

    private static String samples(Series s) {
        if (s.failure() != null) {
            return s.failure().replace('|', '/');
        }
        StringBuilder b = new StringBuilder();
        for (double v : s.samples()) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return b.toString();
    }

    private static String checked(Series s) {
        return (s.negotiated().isEmpty() ? "" : s.negotiated()) + (s.isVerified() ? ", intact" : "");
    }

    /** The part that does not depend on the run: what and how to run it. */
    static String intro() {
        return String.join("\n",
                "# StreamTLS benchmarks: side by side with JSSE and plain TCP",
                "",
                "Written by the comparison runner in the `bench` module. To run it (the shaded jar holds all",
                "of bench's dependencies):",
                "",
                "```",
                "mvn -o -q -pl bench -am package -DskipTests",
                "java -cp bench/target/benchmarks.jar org.streamtls.bench.compare.CompareRunner --out BENCHMARKS.md",
                "```",
                "",
                "`--quick` runs everything small (seconds: a smoke test, not a measurement); `--help` lists the",
                "options. `--out` replaces the section of the JDK it runs on and keeps the others: run it once per",
                "JDK (e.g. with `/usr/lib/jvm/temurin-25-jdk-amd64/bin/java`). The JMH micro-benchmarks of the",
                "record hot path are separate: `java -jar bench/target/benchmarks.jar`.",
                "",
                "");
    }

    /** How the numbers are made, and how to read them. */
    static String method() {
        return String.join("\n",
                "## Method",
                "",
                "- **One JVM, loopback, taking turns.** Every contender runs in the same JVM over 127.0.0.1, and",
                "  they take turns: each round runs every configuration once, in an order that shifts by one each",
                "  round, so slow phases of a shared machine hit all alike. Each test starts with a warm-up round",
                "  that is not counted (JIT compilation; for handshakes it lasts " + CompareOptions.WARM_UP_SECONDS
                        + " s per configuration by default,",
                "  as C2 was still compiling the handshake code of both stacks after 2000 handshakes). Numbers",
                "  are medians of the rounds; ratios are ratios of medians from the same run. MB/s = 10^6 bytes",
                "  per second.",
                "- **Contenders.** *StreamTLS* through its public API (`TlsClient.connect`, `TlsServer.accept`",
                "  over `TcpConnections.wrap`) with each crypto backend: `default` (BouncyCastle handshake",
                "  arithmetic, the JDK's AES-GCM for records), `bc` (BouncyCastle only) and `jca:BC` (everything",
                "  through the BouncyCastle JCA provider). *JSSE*: the JDK's `SSLServerSocket`/`SSLSocket`.",
                "  *plain TCP*: `java.net.Socket`, the ceiling.",
                "- **Same work for all.** The same certificates (made with certstore's `CertificateBuilder`: a root",
                "  CA and a server leaf for 127.0.0.1, ECDSA P-256 or RSA-2048; the server sends the leaf, the",
                "  client trusts the root and checks the IP address: PKIX plus name check on both stacks), the",
                "  same single cipher suite, the X25519 group only (JSSE: `jdk.tls.namedGroups=x25519,secp256r1`",
                "  and, on JDK 20+, `SSLParameters.setNamedGroups`), `TCP_NODELAY` everywhere, and the same server",
                "  loop: one accepting thread, a new platform thread per connection running the server",
                "  handshake and then the test's work. Every measured connection's negotiated version and suite is",
                "  checked against the scenario.",
                "- **Bulk.** One connection per round (the handshake is not timed): the client sends the bytes in",
                "  16 KiB writes, the server reads them into a 16 KiB buffer and answers with 8 bytes once it has",
                "  all of them; the clock runs from the first write to that answer. Each 16 KiB write carries its",
                "  sequence number. In the warm-up round (and every round of `--quick`) the server computes CRC32C",
                "  over everything it received and the client compares it with the CRC32C of what it sent",
                "  (\"intact\" in the tables); timed rounds check the byte count only, so no checksum CPU is counted.",
                "- **Handshakes.** One client thread; each handshake is a new TCP connection, the full client",
                "  handshake, one application byte from the server (so the server has finished too, and the",
                "  connection is shown to work), and the client's close (StreamTLS's close sends close_notify",
                "  and waits for the server's, as the product does; JSSE's does not wait). No resumption: TLS",
                "  1.3 in BouncyCastle has none; the JSSE client's cached sessions are invalidated after each",
                "  connection, and each run checks that the server side chose its key once per handshake (a",
                "  resumed handshake would not), for every contender. Plain TCP's row is connections per second",
                "  (connect, one byte, close): the ceiling of the loop itself.",
                "- **Idle memory.** The server runs in a child JVM (same JDK, `-Xmx2g`,",
                "  `-XX:NativeMemoryTracking=summary`) so only the server's side is counted; the clients are in",
                "  the runner's JVM. Per configuration: 50 warm-up connections are opened and closed, then after",
                "  three `System.gc()` the child takes a baseline; then N TLS 1.3 connections are opened (each",
                "  handshaken, its server handler blocked reading), and after GC again the child measures. Per",
                "  connection = difference / N, as three parts: **heap** in use after GC (connection objects,",
                "  buffers, Thread objects, and a virtual thread's stack, which lives on the heap), **thread",
                "  memory** (NMT's `Thread` category committed: platform thread stacks as actually touched, and",
                "  the VM's thread structures) and **other native** (NMT's `Other`, `NIO`, `Internal` and monitor",
                "  categories: direct buffers, `Unsafe` memory, inflated monitors; JIT arenas, GC bookkeeping,",
                "  code and class metadata are left out, as they belong to no connection and move by megabytes",
                "  on their own). **Total** is their sum, and is what the 16 KiB target is judged on. Kernel",
                "  socket buffers are not counted (the same for every stack). Virtual threads exist from JDK 21;",
                "  on JDK 17 only platform threads are measured. One round (memory varies little between rounds),",
                "  except a platform thread's stack memory: it counts the stack pages ever touched, and glibc",
                "  hands a new thread the cached stack of a finished one, so that column moves by ±50 % between",
                "  configurations of one run (compare heap, and the virtual-thread rows).",
                "- **Wall clock and CPU.** Rates are per second of wall-clock time (what the targets are judged",
                "  on) and, beside them, per second of this process's CPU time (client, server, GC and JIT",
                "  threads together, from `OperatingSystemMXBean.getProcessCpuTime`): what the work costs, which",
                "  other processes on a shared machine disturb less than the wall clock. Linux counts process",
                "  CPU time in 10 ms ticks: a 256 MiB round at 2 GB/s lasts about 130 ms, so the per-CPU-second",
                "  value of the fastest contenders is good to about ±8 %.",
                "- **Noise.** The machine is shared (2 vCPUs; other builds and tests were running during these",
                "  runs: see the load averages). Loopback throughput moved by 10-40 % between runs on this machine",
                "  (BASELINES.md); only ratios measured side by side in one run mean much, and even those by",
                "  ±10-20 % here. The per-round values are in the tables so the spread can be seen.",
                "",
                "");
    }
}
