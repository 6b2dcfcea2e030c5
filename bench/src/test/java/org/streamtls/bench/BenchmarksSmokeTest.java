package org.streamtls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.streamtls.certstore.KeyType;

/**
 * Every benchmark runs one short iteration in this JVM and produces a positive score and a
 * positive byte rate, so the benchmarks cannot rot. Full runs are for people:
 * {@code java -jar bench/target/benchmarks.jar}.
 */
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkRunsOnceAndScores() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("org\\.streamtls\\.bench\\.(RecordProtection|RawJcaAead|RecordSizing)Benchmark\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                // Two sizes of each dimension keep this well under a minute; every backend and suite runs.
                .param("size", "256", "16384")
                .param("writeSize", "1024", "1048576")
                .param("maxRecord", "512", "16384")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        // RecordProtection: 3 backends x 4 suites x 2 sizes x {encrypt, decrypt}; RawJcaAead: 3 x 2 x 2;
        // RecordSizing: 2 write sizes x 2 record sizes.
        assertEquals(48 + 12 + 4, results.size(), "benchmark runs");
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark() + " " + run.getParams();
            assertTrue(run.getPrimaryResult().getScore() > 0, () -> label + " scored "
                    + run.getPrimaryResult().getScore());
            Result<?> bytes = run.getSecondaryResults().get("bytes");
            assertNotNull(bytes, () -> label + " reports no byte rate");
            assertTrue(bytes.getScore() > 0, () -> label + " moved no bytes");
        }
    }

    /**
     * Every handshake configuration (4 stacks x 3 kinds x 2 keys) runs one short iteration. Each
     * handshake checks itself: the version, a full handshake verified the server's chain, a resumed
     * one resumed; a failed check fails the run.
     */
    @Test
    void everyHandshakeBenchmarkRunsOnceAndScores() throws RunnerException {
        // In this JVM (no fork), as the benchmark's forks are configured: TLS 1.2 JSSE resumes by session ID.
        Map<String, String> before = new HashMap<>();
        for (String property : TICKET_PROPERTIES) {
            before.put(property, System.setProperty(property, "false"));
        }
        try {
            runEveryHandshakeBenchmark();
        } finally {
            before.forEach((property, value) -> {
                if (value == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, value);
                }
            });
        }
    }

    private static final List<String> TICKET_PROPERTIES = List.of(
            "jdk.tls.client.enableSessionTicketExtension", "jdk.tls.server.enableSessionTicketExtension");

    private static void runEveryHandshakeBenchmark() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("org\\.streamtls\\.bench\\.HandshakeBenchmark\\.")
                // Two certificates instead of 1024 keep the set-up short; rotation is still exercised.
                .param("certificates", "2")
                .addProfiler(CpuTimeProfiler.class)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertEquals(4 * 3 * 2, results.size(), "handshake benchmark runs");
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark() + " " + run.getParams();
            assertTrue(run.getPrimaryResult().getScore() > 0, () -> label + " scored "
                    + run.getPrimaryResult().getScore());
            Result<?> cpuRate = run.getSecondaryResults().get("cpu.rate");
            assertNotNull(cpuRate, () -> label + " reports no rate per CPU second");
            assertTrue(cpuRate.getScore() > 0, () -> label + ": cpu.rate " + cpuRate.getScore());
        }
    }

    /**
     * The benchmarked clients really verify the server: trusting another root, every stack refuses
     * the server's certificate, so the scores include the verification.
     */
    @Test
    void handshakeBenchmarksRefuseAServerTheClientDoesNotTrust() {
        for (KeyType key : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
            HandshakePki real = HandshakePki.of(key, 2);
            HandshakePki otherRoot = new HandshakePki(key, HandshakePki.generate(KeyType.EC_P256, 1).root,
                    real.servers);
            for (HandshakeKind kind : List.of(HandshakeKind.TLS13_FULL, HandshakeKind.TLS12_FULL)) {
                for (String backend : List.of(Backends.DEFAULT, Backends.BC, Backends.JCA_BC)) {
                    String label = backend + " " + kind + " " + key;
                    IOException e = assertThrows(IOException.class,
                            () -> new BcHandshakes(Backends.byName(backend), kind, otherRoot), label);
                    TlsFatalAlert alert = assertInstanceOf(TlsFatalAlert.class, e, label);
                    assertEquals(AlertDescription.bad_certificate, alert.getAlertDescription(), label);
                    assertTrue(e.getMessage().contains("refused"), () -> label + ": " + e.getMessage());
                }
                assertThrows(SSLHandshakeException.class, () -> new JsseHandshakes(kind, otherRoot),
                        "jsse " + kind + " " + key);
            }
        }
    }
}
