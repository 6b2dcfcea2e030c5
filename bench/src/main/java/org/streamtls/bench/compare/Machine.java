package org.streamtls.bench.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * What a run ran on: CPU, memory, OS, JDK, BouncyCastle, the date, and the load average (the
 * machine may be shared: the load says how much noise to expect).
 */
record Machine(String cpu, int logicalCpus, long memoryBytes, String os, String jdk, int jdkFeature,
        String bouncyCastle, String date, double loadAtStart) {

    static Machine describe() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                Runtime.version().feature(),
                new BouncyCastleProvider().getVersionStr(),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                load());
    }

    /** The one-minute load average, or -1 where the OS does not tell. */
    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    String summary() {
        return String.format(Locale.ROOT, "%s, %d logical CPUs, %.1f GiB; %s; %s; BouncyCastle %s",
                cpu, logicalCpus, memoryBytes / (1024.0 * 1024 * 1024), os, jdk, bouncyCastle);
    }

    private static String cpuModel() {
        List<String> lines = readLines(Path.of("/proc/cpuinfo"));
        for (String line : lines) {
            if (line.startsWith("model name")) {
                String model = line.substring(line.indexOf(':') + 1).trim();
                String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
                StringBuilder features = new StringBuilder();
                for (String flag : new String[] {"aes", "pclmulqdq", "avx2", "avx512f", "vaes"}) {
                    if ((" " + flags.substring(flags.indexOf(':') + 1) + " ").contains(" " + flag + " ")) {
                        features.append(features.length() == 0 ? "" : " ").append(flag);
                    }
                }
                return features.length() == 0 ? model : model + " (" + features + ")";
            }
        }
        return System.getProperty("os.arch");
    }

    private static long memory() {
        for (String line : readLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        }
        return 0;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
