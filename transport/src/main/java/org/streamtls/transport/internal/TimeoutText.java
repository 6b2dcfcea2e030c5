package org.streamtls.transport.internal;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in messages: "250 ms", "5 s", "1.5 s", "-2 s". */
public final class TimeoutText {

    private TimeoutText() {
    }

    public static String of(Duration d) {
        if (d == null) {
            return "null";
        }
        if (d.isNegative()) {
            return "-" + of(d.negated());
        }
        long ms;
        try {
            ms = d.toMillis();
        } catch (ArithmeticException tooLong) {
            return d.toString();
        }
        if (ms == 0 && !d.isZero()) {
            return d.toNanos() / 1000 + " us";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0).replaceAll("0+$", "") + " s";
    }

    /**
     * Checks that a named timeout is positive.
     *
     * @throws IllegalArgumentException naming the option and the value, if null, zero or negative
     */
    public static Duration requirePositive(String name, Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException(name + " must be a positive duration, was null");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + of(timeout));
        }
        return timeout;
    }
}
