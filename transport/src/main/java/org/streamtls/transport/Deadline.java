package org.streamtls.transport;

import java.time.Duration;

/**
 * A point in time, on the monotonic clock, by which an operation must be done. Fixed once, when the
 * operation starts: every wait inside the operation waits only for {@link #remaining()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Deadline {

    private final long expiresAtNanos;
    private final Duration timeout;

    private Deadline(long expiresAtNanos, Duration timeout) {
        this.expiresAtNanos = expiresAtNanos;
        this.timeout = timeout;
    }

    /**
     * A deadline {@code timeout} from now.
     *
     * @throws IllegalArgumentException if the timeout is null, zero or negative
     */
    public static Deadline after(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE / 4;
        }
        return new Deadline(System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4), timeout);
    }

    /** The timeout this deadline was made from, for messages ("timed out after 5 s"). */
    public Duration timeout() {
        return timeout;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
    }

    /** Time left in milliseconds, rounded up so that a positive remainder never becomes 0. */
    public long remainingMillis() {
        long nanos = expiresAtNanos - System.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /** True once no time is left. */
    public boolean isExpired() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }

    /** The earlier of the two. */
    public Deadline earlier(Deadline other) {
        return other.expiresAtNanos - expiresAtNanos < 0 ? other : this;
    }

    @Override
    public String toString() {
        return "Deadline[" + timeout + ", " + remaining() + " left]";
    }
}
