package org.streamtls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

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
}
