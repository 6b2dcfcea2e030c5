package org.streamtls.transport;

import java.time.Duration;

/** Durations as people write them in messages: "250 ms", "5 s", "1.5 s". */
final class TimeoutText {

    private TimeoutText() {
    }

    static String of(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.3f s", ms / 1000.0).replaceAll("0+ s$", " s");
    }
}
