package org.streamtls.bench.compare;

import java.lang.management.ManagementFactory;

/**
 * A measured rate, per second of wall-clock time and per second of this process's CPU time (all
 * its threads: client, server, GC, JIT). The CPU rate says what the work costs and suffers less
 * from other processes on a shared machine; the wall rate is what a user sees.
 */
record Rate(double perSecond, double perCpuSecond) {

    private static final com.sun.management.OperatingSystemMXBean OS = os();

    /** Marks the start of a measured stretch. */
    static Clock start() {
        return new Clock(System.nanoTime(), processCpuNanos());
    }

    /** Wall and CPU time at one moment. */
    record Clock(long wallNanos, long cpuNanos) {
        /** The rate of {@code units} done since this clock was started. */
        Rate rate(double units) {
            long wall = System.nanoTime() - wallNanos;
            long cpu = processCpuNanos() - cpuNanos;
            return new Rate(units / (wall / 1e9), cpu > 0 ? units / (cpu / 1e9) : Double.NaN);
        }
    }

    private static long processCpuNanos() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? (com.sun.management.OperatingSystemMXBean) os : null;
    }
}
