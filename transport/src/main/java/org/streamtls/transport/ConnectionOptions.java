package org.streamtls.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.streamtls.transport.internal.TimeoutText;

/**
 * How connections behave: their named timeouts, their receive buffer and the shutdown signal they
 * are tied to. Built once by {@link #builder()} and shared by any number of connections.
 *
 * <p><b>Defaults</b> ({@link #defaults()}):
 * <ul>
 *   <li>{@linkplain Builder#connectTimeout connect timeout} 10 s — for the whole connect, name
 *       resolution and every address tried included;</li>
 *   <li>{@linkplain Builder#sendTimeout send timeout} 30 s — for each {@link Connection#send};</li>
 *   <li>{@linkplain Builder#receiveTimeout receive timeout} 30 s — for each receive call, however
 *       many TCP segments the bytes arrive in;</li>
 *   <li>{@linkplain Builder#receiveBufferSize receive buffer} 16 896 bytes (16 KiB + 512), so one
 *       full TLS record fits; an idle connection does not hold it (see the builder method);</li>
 *   <li>no shutdown signal.</li>
 * </ul>
 * Connections always set {@code TCP_NODELAY}: every send is a whole message, so Nagle's algorithm
 * would only add latency.
 *
 * <p><b>Errors.</b> The builder rejects a null, zero or negative timeout and a receive buffer
 * size outside 1 byte .. 16 MiB with {@link IllegalArgumentException} naming the option and the
 * value.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConnectionOptions {

    /** Default receive buffer: one full TLS record (16 KiB of plaintext plus overhead). */
    public static final int DEFAULT_RECEIVE_BUFFER_SIZE = 16 * 1024 + 512;

    private static final int MAX_RECEIVE_BUFFER_SIZE = 16 * 1024 * 1024;
    private static final ConnectionOptions DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final Duration sendTimeout;
    private final Duration receiveTimeout;
    private final int receiveBufferSize;
    private final ShutdownSignal shutdownSignal;

    private ConnectionOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.sendTimeout = b.sendTimeout;
        this.receiveTimeout = b.receiveTimeout;
        this.receiveBufferSize = b.receiveBufferSize;
        this.shutdownSignal = b.shutdownSignal;
    }

    /** The defaults listed above. */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.sendTimeout = sendTimeout;
        b.receiveTimeout = receiveTimeout;
        b.receiveBufferSize = receiveBufferSize;
        b.shutdownSignal = shutdownSignal;
        return b;
    }

    /** Total time for a connect, resolution and every address included. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time for each send. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** One deadline per receive call. */
    public Duration receiveTimeout() {
        return receiveTimeout;
    }

    /** Size in bytes of each connection's read buffer. */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /** The signal that cancels these connections, if any. */
    public Optional<ShutdownSignal> shutdownSignal() {
        return Optional.ofNullable(shutdownSignal);
    }

    @Override
    public String toString() {
        return "ConnectionOptions[connectTimeout=" + TimeoutText.of(connectTimeout)
                + ", sendTimeout=" + TimeoutText.of(sendTimeout)
                + ", receiveTimeout=" + TimeoutText.of(receiveTimeout)
                + ", receiveBufferSize=" + receiveBufferSize
                + ", shutdownSignal=" + (shutdownSignal == null ? "none" : "set") + "]";
    }

    /**
     * Builds {@link ConnectionOptions}. Each setter checks its argument at once. Not thread-safe.
     */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration sendTimeout = Duration.ofSeconds(30);
        private Duration receiveTimeout = Duration.ofSeconds(30);
        private int receiveBufferSize = DEFAULT_RECEIVE_BUFFER_SIZE;
        private ShutdownSignal shutdownSignal;

        private Builder() {
        }

        /** Total time for a connect: name resolution and every address tried. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = TimeoutText.requirePositive("connectTimeout", timeout);
            return this;
        }

        /** Time for each send to hand all its bytes to the peer. Default 30 s. */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = TimeoutText.requirePositive("sendTimeout", timeout);
            return this;
        }

        /** One deadline for each receive call, however many segments it takes. Default 30 s. */
        public Builder receiveTimeout(Duration timeout) {
            this.receiveTimeout = TimeoutText.requirePositive("receiveTimeout", timeout);
            return this;
        }

        /**
         * Size in bytes of the most a connection reads from the socket at once into its own
         * buffer (not the kernel's {@code SO_RCVBUF}). Default 16 896 (16 KiB + 512).
         *
         * <p>A buffer of this size is not held by every connection: while nothing is buffered, a
         * receive waits on a small array of the connection's own (512 bytes), or reads straight
         * into the caller's array when the caller asks for that much or more. A full buffer is
         * borrowed from a pool shared by the connections of this size only when bytes are already
         * waiting beyond what the caller asked for, and goes back as soon as they are taken, so an
         * idle connection holds 512 bytes of buffer, a busy one reads up to this many bytes per
         * system call, and a steady stream allocates nothing. A size of 512 or less is kept by
         * each connection for its life.
         */
        public Builder receiveBufferSize(int bytes) {
            if (bytes < 1 || bytes > MAX_RECEIVE_BUFFER_SIZE) {
                throw new IllegalArgumentException("receiveBufferSize must be between 1 and "
                        + MAX_RECEIVE_BUFFER_SIZE + " bytes, was " + bytes);
            }
            this.receiveBufferSize = bytes;
            return this;
        }

        /** The signal that cancels every blocked operation of these connections. Default none. */
        public Builder shutdownSignal(ShutdownSignal signal) {
            this.shutdownSignal = Objects.requireNonNull(signal, "shutdownSignal");
            return this;
        }

        /** The immutable options. */
        public ConnectionOptions build() {
            return new ConnectionOptions(this);
        }
    }
}
