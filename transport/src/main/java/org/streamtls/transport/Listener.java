package org.streamtls.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.streamtls.transport.internal.AcceptLoop;

/**
 * A TCP server: accepts connections on one port and serves each with a {@link ConnectionHandler}
 * on its own thread (StreamSSL's {@code CListen} and {@code CPassiveSock}).
 *
 * <pre>{@code
 * Listener listener = Listener.builder()
 *         .handler(connection -> { ... })
 *         .start();
 * int port = listener.port();
 * ...
 * Listener.StopReport report = listener.stop(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p><b>Threads.</b> One thread accepts and does nothing slow: each accepted connection's handler
 * runs on its own new thread — a virtual thread on JDK 21 and later, a daemon platform thread on
 * JDK 17 — named {@code streamtls-handler-<port>-<n>}. The accept thread, named
 * {@code streamtls-accept-<port>}, is not a daemon: a started listener keeps the JVM alive until
 * it is stopped or its shutdown signal fires. The listener closes each connection when its handler
 * returns; a handler's exception is logged through {@link System.Logger} and never affects the
 * listener.
 *
 * <p><b>Limit.</b> At most {@linkplain Builder#maxConnectionsInProgress maxConnectionsInProgress}
 * connections are served at a time; a connection accepted beyond that is closed at once (the
 * client sees the end of the stream), without stalling the accept loop.
 *
 * <p><b>Stopping.</b> {@link #stop(Duration)} stops accepting, lets handlers finish within a grace
 * period, then closes the connections that remain (which wakes their handlers) and reports what
 * happened. The listener's {@link ShutdownSignal}, if any, cancels at once: the accept loop ends
 * and every connection's blocked operation ends with {@link CancelledException}; call
 * {@code stop} afterwards to wait for the handlers and get the report.
 *
 * <p>Thread-safe.
 */
public final class Listener {

    private final AcceptLoop loop;

    private Listener(AcceptLoop loop) {
        this.loop = loop;
    }

    /** A builder with the defaults: dual-stack wildcard address, a free port, default options. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the listener is bound to (the one chosen when port 0 was asked for). */
    public int port() {
        return loop.localAddress().getPort();
    }

    /** The address and port the listener is bound to. */
    public InetSocketAddress localAddress() {
        return loop.localAddress();
    }

    /** True until the listener is stopped or its shutdown signal fires. */
    public boolean isAccepting() {
        return loop.isAccepting();
    }

    /** Connections whose handler is running now. */
    public int connectionsInProgress() {
        return loop.connectionsInProgress();
    }

    /** Connections closed at once since start because the limit was reached. */
    public long refusedConnections() {
        return loop.refusedConnections();
    }

    /**
     * Stops the listener: closes the listening socket, waits up to {@code grace} for the running
     * handlers to finish, then closes the connections that remain (their blocked operations end
     * with {@link ConnectionClosedException}) and interrupts their threads, and waits up to a
     * further 2 s for those threads to end. Calling it
     * again returns the first report.
     *
     * @param grace how long handlers may take to finish on their own; zero closes at once
     * @throws IllegalArgumentException if grace is negative
     */
    public StopReport stop(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        return loop.stop(grace);
    }

    @Override
    public String toString() {
        return "Listener[" + localAddress() + (isAccepting() ? "" : ", stopped") + "]";
    }

    /**
     * What {@link #stop(Duration)} found.
     *
     * @param finished handlers that were running when stop began and returned within the grace
     *        period
     * @param forceClosed connections still being served after the grace period, which stop closed
     * @param stillRunning handler threads that had not ended even after their connection was closed
     *        and the thread interrupted (a handler that ignores both); 0 in a healthy program
     */
    public record StopReport(int finished, int forceClosed, int stillRunning) {
    }

    /**
     * Configures and starts a {@link Listener}. A handler is required; everything else has a
     * default. Setters check their argument at once. Not thread-safe.
     */
    public static final class Builder {
        private InetAddress bindAddress;
        private int port;
        private ConnectionOptions connectionOptions = ConnectionOptions.defaults();
        private ConnectionHandler handler;
        private int maxConnectionsInProgress = 1024;
        private ShutdownSignal shutdownSignal;

        private Builder() {
        }

        /**
         * The one local address to listen on, such as 127.0.0.1 or ::1. Default: the wildcard
         * address, dual stack where the system has IPv6 (IPv4 and IPv6 on one socket).
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one, see {@link Listener#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Timeouts and buffer of accepted connections. Default {@link ConnectionOptions#defaults()}. */
        public Builder connectionOptions(ConnectionOptions options) {
            this.connectionOptions = Objects.requireNonNull(options, "connectionOptions");
            return this;
        }

        /** Serves each accepted connection. Required. */
        public Builder handler(ConnectionHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** How many connections may be served at once; the excess is closed at once. Default 1024. */
        public Builder maxConnectionsInProgress(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnectionsInProgress must be at least 1, was " + max);
            }
            this.maxConnectionsInProgress = max;
            return this;
        }

        /**
         * The signal that stops this listener and cancels every connection it accepted. Default:
         * the connection options' signal, if any. If both are set they must be the same signal.
         */
        public Builder shutdownSignal(ShutdownSignal signal) {
            this.shutdownSignal = Objects.requireNonNull(signal, "shutdownSignal");
            return this;
        }

        /**
         * Binds and starts accepting.
         *
         * @throws IllegalStateException if no handler was set
         * @throws IllegalArgumentException if this builder's and the connection options' shutdown
         *         signals differ
         * @throws CancelledException if the shutdown signal has already fired
         * @throws IOException if the address and port cannot be bound; the message names both
         */
        public Listener start() throws IOException {
            if (handler == null) {
                throw new IllegalStateException("a listener needs a handler: call handler(...) before start()");
            }
            ShutdownSignal fromOptions = connectionOptions.shutdownSignal().orElse(null);
            ShutdownSignal signal = shutdownSignal != null ? shutdownSignal : fromOptions;
            if (fromOptions != null && fromOptions != signal) {
                throw new IllegalArgumentException("the listener's shutdownSignal and its connectionOptions'"
                        + " shutdownSignal are different signals; set one, or the same one twice");
            }
            ConnectionOptions options = signal == null || fromOptions == signal
                    ? connectionOptions : connectionOptions.toBuilder().shutdownSignal(signal).build();
            return new Listener(AcceptLoop.start(bindAddress, port, options, handler,
                    maxConnectionsInProgress, signal));
        }
    }
}
