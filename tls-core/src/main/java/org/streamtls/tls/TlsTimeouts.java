package org.streamtls.tls;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits TLS adds to those of the connection underneath, each named for what it bounds.
 *
 * <ul>
 *   <li><b>handshake</b> (default {@value #DEFAULT_HANDSHAKE_SECONDS} s): the whole handshake, from
 *       the first byte sent to the last byte received, however many records or TCP segments it
 *       takes. A peer that stalls after its hello, or trickles bytes, is dropped when it expires,
 *       with {@link HandshakeTimeoutException}, and the thread running the handshake is free.</li>
 *   <li><b>close_notify</b> (default {@value #DEFAULT_CLOSE_NOTIFY_SECONDS} s): how long
 *       {@link TlsConnection#close()} and {@link TlsConnection#shutdownTls()} wait for the peer's
 *       close_notify after sending ours.</li>
 * </ul>
 *
 * <p>The <b>receive</b> and <b>send</b> timeouts of a TLS connection are those of the connection
 * underneath (set by {@link org.streamtls.transport.ConnectionOptions}, or later with
 * {@link TlsConnection#setReceiveTimeout} / {@link TlsConnection#setSendTimeout}): one deadline per
 * receive after the handshake, however many records it takes, and one per send. There is a single
 * place for each timeout.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class TlsTimeouts {

    /** Default handshake timeout in seconds. */
    public static final int DEFAULT_HANDSHAKE_SECONDS = 10;
    /** Default close_notify timeout in seconds. */
    public static final int DEFAULT_CLOSE_NOTIFY_SECONDS = 2;

    private static final TlsTimeouts DEFAULTS = builder().build();

    private final Duration handshake;
    private final Duration closeNotify;

    private TlsTimeouts(Builder b) {
        this.handshake = b.handshake;
        this.closeNotify = b.closeNotify;
    }

    /** The defaults listed above. */
    public static TlsTimeouts defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The total time the handshake may take. */
    public Duration handshake() {
        return handshake;
    }

    /** How long to wait for the peer's close_notify after sending ours. */
    public Duration closeNotify() {
        return closeNotify;
    }

    @Override
    public String toString() {
        return "TlsTimeouts[handshake=" + handshake + ", closeNotify=" + closeNotify + "]";
    }

    /** Builds {@link TlsTimeouts}; every value must be positive. Not thread-safe. */
    public static final class Builder {
        private Duration handshake = Duration.ofSeconds(DEFAULT_HANDSHAKE_SECONDS);
        private Duration closeNotify = Duration.ofSeconds(DEFAULT_CLOSE_NOTIFY_SECONDS);

        private Builder() {
        }

        /** Total time for the handshake. Default 10 s. */
        public Builder handshake(Duration timeout) {
            this.handshake = positive("handshake", timeout);
            return this;
        }

        /** Wait for the peer's close_notify. Default 2 s. */
        public Builder closeNotify(Duration timeout) {
            this.closeNotify = positive("closeNotify", timeout);
            return this;
        }

        public TlsTimeouts build() {
            return new TlsTimeouts(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " timeout must be positive, was " + d);
            }
            return d;
        }
    }
}
