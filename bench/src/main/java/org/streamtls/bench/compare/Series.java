package org.streamtls.bench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one measurement (one test, one scenario, one contender) across the rounds of a
 * run, with what the connection negotiated and whether the bytes were checked.
 */
final class Series {

    private final String test;
    private final String scenario;
    private final String contender;
    private final String unit;
    private final List<Double> samples = new ArrayList<>();
    private final List<Double> cpuSamples = new ArrayList<>();
    private final Map<String, List<Double>> parts = new LinkedHashMap<>();
    private String negotiated = "";
    private boolean verified;
    private String failure;
    private String detail = "";

    Series(String test, String scenario, String contender, String unit) {
        this.test = test;
        this.scenario = scenario;
        this.contender = contender;
        this.unit = unit;
    }

    String test() {
        return test;
    }

    String scenario() {
        return scenario;
    }

    String contender() {
        return contender;
    }

    String unit() {
        return unit;
    }

    synchronized void add(double sample) {
        samples.add(sample);
    }

    /** A rate: its wall-clock value is the sample, its CPU value goes beside it. */
    synchronized void add(Rate rate) {
        samples.add(rate.perSecond());
        if (Double.isFinite(rate.perCpuSecond())) {
            cpuSamples.add(rate.perCpuSecond());
        }
    }

    /** The median of the per-CPU-second values; NaN when there are none. */
    synchronized double cpuMedian() {
        return median(cpuSamples);
    }

    synchronized List<Double> cpuSamples() {
        return List.copyOf(cpuSamples);
    }

    /** A component of the sample (the memory test splits heap, thread stacks, other native). */
    synchronized void addPart(String name, double value) {
        parts.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    synchronized List<Double> samples() {
        return List.copyOf(samples);
    }

    synchronized List<String> partNames() {
        return List.copyOf(parts.keySet());
    }

    synchronized double partMedian(String name) {
        List<Double> values = parts.get(name);
        return values == null ? Double.NaN : median(values);
    }

    /** The median of the samples; NaN when there are none. */
    synchronized double median() {
        return median(samples);
    }

    synchronized void negotiated(String value) {
        this.negotiated = value;
    }

    synchronized String negotiated() {
        return negotiated;
    }

    /** Records that the bytes of at least one round were checked end to end and were intact. */
    synchronized void verified() {
        this.verified = true;
    }

    synchronized boolean isVerified() {
        return verified;
    }

    /** Free text shown under the table (the memory test: where the heap goes). */
    synchronized void detail(String text) {
        this.detail = text;
    }

    synchronized String detail() {
        return detail;
    }

    synchronized void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** Why this measurement failed, or null. */
    synchronized String failure() {
        return failure;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
