package org.streamtls.bench.compare;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@link CompareRunner}: which tests, how big, how many rounds, where to write.
 *
 * @param quick small sizes and few rounds: a smoke run that proves every configuration works, not
 *              a measurement
 * @param out the BENCHMARKS.md to create or update (this JDK's section), or null for none
 * @param bulkBytes bytes sent one way per bulk round
 * @param rounds measured rounds per test (after one warm-up round)
 * @param handshakesPerRound handshakes per contender per round
 * @param warmUpSeconds how long the uncounted warm-up round of handshakes lasts at least, per
 *                      configuration (0: one round's worth)
 * @param idleConnections idle server connections held open per memory configuration
 * @param idleRounds rounds of the memory test
 * @param tests the tests to run: bulk, handshake, idle
 * @param contenders the contenders' keys ({@link Contenders#KEYS}), in table order
 */
record CompareOptions(boolean quick, Path out, long bulkBytes, int rounds, int handshakesPerRound,
        int warmUpSeconds, int idleConnections, int idleRounds, Set<String> tests, List<String> contenders) {

    static final String USAGE = String.join("\n",
            "usage: java -cp bench/target/benchmarks.jar org.streamtls.bench.compare.CompareRunner [options]",
            "  --quick            small sizes, few rounds: checks every configuration works (seconds)",
            "  --out FILE         create or update FILE (e.g. BENCHMARKS.md): this JDK's section is",
            "                     replaced, other JDKs' sections are kept",
            "  --rounds N         measured rounds per test, after one warm-up round (default 5; quick 2)",
            "  --bulk-mib N       MiB sent one way per bulk round (default 256; quick 4)",
            "  --handshakes N     handshakes per contender per round (default 500; quick 10)",
            "  --warm-up S        seconds of uncounted handshakes per configuration before the",
            "                     rounds (default 20; quick 0: one round's worth)",
            "  --idle N           idle connections per memory configuration (default 2000; quick 20)",
            "  --only LIST        comma-separated tests among bulk,handshake,idle (default all)",
            "  --contenders LIST  comma-separated among plain,jsse,default,bc,jca:BC (default all; the",
            "                     targets need plain, jsse and default)",
            "  --help             this text");

    /**
     * The default warm-up: long enough for the JIT to finish compiling each stack's handshake code
     * (2000 handshakes were not: a StreamTLS RSA round measured right after them was 20 % slower than
     * the rounds after it, and with 300 the C2 compiler threads took about 45 % of the CPU).
     */
    static final int WARM_UP_SECONDS = 20;

    static CompareOptions parse(String... args) {
        boolean quick = false;
        Path out = null;
        Integer rounds = null;
        Long bulkMib = null;
        Integer handshakes = null;
        Integer warmUp = null;
        Integer idle = null;
        Set<String> tests = new LinkedHashSet<>(Set.of(Results.BULK, Results.HANDSHAKE, Results.IDLE));
        List<String> contenders = Contenders.KEYS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick":
                    quick = true;
                    break;
                case "--out":
                    out = Path.of(value(args, ++i, arg));
                    break;
                case "--rounds":
                    rounds = positive(args, ++i, arg);
                    break;
                case "--bulk-mib":
                    bulkMib = (long) positive(args, ++i, arg);
                    break;
                case "--handshakes":
                    handshakes = positive(args, ++i, arg);
                    break;
                case "--warm-up":
                    warmUp = nonNegative(args, ++i, arg);
                    break;
                case "--idle":
                    idle = positive(args, ++i, arg);
                    break;
                case "--only":
                    tests = new LinkedHashSet<>();
                    for (String t : value(args, ++i, arg).split(",")) {
                        String test = t.trim();
                        if (!Set.of(Results.BULK, Results.HANDSHAKE, Results.IDLE).contains(test)) {
                            throw new IllegalArgumentException("--only takes bulk, handshake and idle, not " + test);
                        }
                        tests.add(test);
                    }
                    break;
                case "--contenders": {
                    Set<String> chosen = new LinkedHashSet<>();
                    for (String c : value(args, ++i, arg).split(",")) {
                        if (!Contenders.KEYS.contains(c.trim())) {
                            throw new IllegalArgumentException("--contenders takes " + String.join(",", Contenders.KEYS)
                                    + ", not " + c.trim());
                        }
                        chosen.add(c.trim());
                    }
                    contenders = Contenders.KEYS.stream().filter(chosen::contains).toList();
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new CompareOptions(quick, out,
                (bulkMib != null ? bulkMib : quick ? 4 : 256) * 1024 * 1024,
                rounds != null ? rounds : quick ? 2 : 5,
                handshakes != null ? handshakes : quick ? 10 : 500,
                warmUp != null ? warmUp : quick ? 0 : WARM_UP_SECONDS,
                idle != null ? idle : quick ? 20 : 2000,
                1,
                Set.copyOf(tests),
                contenders);
    }

    boolean runs(String test) {
        return tests.contains(test);
    }

    /** The options as a command line, for the report. */
    String commandLine() {
        return (quick ? "--quick " : "") + "--rounds " + rounds + " --bulk-mib " + bulkBytes / (1024 * 1024)
                + " --handshakes " + handshakesPerRound + " --warm-up " + warmUpSeconds + " --idle " + idleConnections
                + (contenders.equals(Contenders.KEYS) ? "" : " --contenders " + String.join(",", contenders));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String[] args, int i, String option) {
        return atLeast(1, args, i, option);
    }

    private static int nonNegative(String[] args, int i, String option) {
        return atLeast(0, args, i, option);
    }

    private static int atLeast(int min, String[] args, int i, String option) {
        String text = value(args, i, option);
        try {
            int n = Integer.parseInt(text);
            if (n < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", was " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not " + text);
        }
    }
}
