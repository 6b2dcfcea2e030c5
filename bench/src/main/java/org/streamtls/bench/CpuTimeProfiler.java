package org.streamtls.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler for a loaded machine: the benchmark's operations per second of CPU time used by the
 * whole benchmark JVM (all its threads: the benchmark thread, the JIT compilers, the garbage
 * collector), next to JMH's wall-clock score. When other processes take the cores, wall-clock
 * scores fall with the share of CPU the JVM got, while operations per CPU second stay close to what
 * one unloaded core would do. Run with
 * {@code java -jar benchmarks.jar HandshakeBenchmark -prof org.streamtls.bench.CpuTimeProfiler}.
 *
 * <p>Secondary results, per iteration, averaged: {@code cpu.rate} (operations per CPU second of the
 * JVM process) and {@code cpu.share} (CPU seconds the process used per wall-clock second: 1.0 is
 * one core, busy all the time). Single-threaded benchmarks only: for them {@code cpu.rate} is the
 * single-core rate. Needs {@code com.sun.management.OperatingSystemMXBean} (HotSpot JVMs).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuBefore;
    private long wallBefore;

    @Override
    public String getDescription() {
        return "operations per CPU second of the benchmark JVM, and the CPU share it got";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallBefore = System.nanoTime();
        cpuBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        long ops = result.getMetadata().getAllOps();
        if (cpu <= 0 || wall <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.rate", ops * 1e9 / cpu, "ops/cpu-s", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }
}
