package org.streamtls.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison runner's {@code --quick} mode, end to end: every contender in every configuration
 * produces positive numbers, negotiates what its scenario says, and delivers the bytes intact; the
 * report is written with every table.
 */
class CompareRunnerSmokeTest {

    @Test
    void quickRunMeasuresEveryConfigurationAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("BENCHMARKS.md");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CompareOptions options = CompareOptions.parse("--quick", "--out", out.toString());

        Results results = CompareRunner.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        String printed = progress.toString(StandardCharsets.UTF_8);
        List<String> names = List.of("plain TCP", "JSSE", "StreamTLS default", "StreamTLS bc", "StreamTLS jca:BC");
        assertEquals(names, results.of(Results.BULK).stream().map(Series::contender).distinct().toList());
        int threadKinds = ThreadKind.VIRTUAL.available() ? 2 : 1;
        assertEquals(2 * names.size(), results.of(Results.BULK).size(), printed);
        assertEquals(2 * names.size(), results.of(Results.HANDSHAKE).size(), printed);
        assertEquals(threadKinds * names.size(), results.of(Results.IDLE).size(), printed);
        for (Series s : results.all()) {
            String label = s.test() + " / " + s.scenario() + " / " + s.contender();
            assertNull(s.failure(), () -> label + " failed:\n" + printed);
            int expectedSamples = s.test().equals(Results.IDLE) ? options.idleRounds() : options.rounds();
            assertEquals(expectedSamples, s.samples().size(), label);
            assertTrue(s.isVerified(), () -> label + ": bytes not checked");
            if (s.test().equals(Results.IDLE)) {
                // Memory deltas of 20 connections are noisy; what matters here is that each was measured.
                assertTrue(s.samples().stream().allMatch(Double::isFinite), label);
            } else {
                assertTrue(s.samples().stream().allMatch(v -> v > 0), () -> label + ": " + s.samples());
                // Process CPU time ticks in 10 ms steps: a quick round may be too short to register.
                assertTrue(s.cpuSamples().stream().allMatch(v -> v > 0), () -> label + ": " + s.cpuSamples());
            }
        }
        for (Series s : results.of(Results.BULK)) {
            boolean plain = s.contender().equals(PlainTcpContender.NAME);
            String expected = plain ? "plain" : s.scenario().startsWith("TLS 1.3")
                    ? "TLSv1.3 TLS_AES_128_GCM_SHA256" : "TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            assertEquals(expected, s.negotiated(), s.contender());
        }
        for (Series s : results.of(Results.HANDSHAKE)) {
            boolean plain = s.contender().equals(PlainTcpContender.NAME);
            assertEquals(plain ? "plain" : "TLSv1.3 TLS_AES_128_GCM_SHA256", s.negotiated(), s.contender());
        }

        String report = Files.readString(out);
        assertTrue(report.contains("<!-- section jdk-" + Runtime.version().feature() + " -->"), report);
        assertTrue(report.contains("QUICK RUN"), report);
        for (String heading : List.of("## Method", "### Where we stand", "### Bulk throughput",
                "### Full handshakes per second", "### Memory per idle TLS 1.3 server connection")) {
            assertTrue(report.contains(heading), () -> heading + " missing from\n" + report);
        }
        for (String name : names) {
            assertTrue(report.contains("| " + name + " |"), () -> name + " missing from\n" + report);
        }
        assertFalse(report.contains("### Failures"), report);
        assertTrue(printed.contains("[bulk warm-up]") && printed.contains("[handshake 2/2]"), printed);
    }
}
