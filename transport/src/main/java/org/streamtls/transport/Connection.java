package org.streamtls.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A byte stream to one peer: the single interface every handler uses, whether the bytes travel as
 * plain TCP or inside TLS (the Java form of StreamSSL's {@code ISocketStream}).
 *
 * <p><b>Receiving.</b> Every receive runs under one deadline fixed when the call starts (the
 * receive timeout), however many TCP segments the bytes arrive in: a peer that trickles one byte at
 * a time cannot stretch a 5-second receive into a minute. A receive that times out throws
 * {@link ReceiveTimeoutException} and loses nothing: bytes that arrived before the deadline stay
 * buffered and the next receive returns them, in order. The connection stays usable.
 * A layer on top (TLS) can put several receives under one deadline with
 * {@link #beginReceiveDeadline(Deadline)} (StreamSSL's {@code StartRecvTimer}).
 *
 * <p><b>Sending.</b> {@link #send} writes all bytes or fails; it gives up after the send timeout
 * with {@link SendTimeoutException} when the peer stops reading. After a send timeout an unknown
 * prefix of the message may have been sent, and the connection is closed (a later operation
 * fails with {@link ConnectionClosedException} saying so).
 *
 * <p><b>Buffering.</b> Received bytes pass through a buffer that belongs to the connection, so a
 * layer on top (TLS) and whatever reads after it (plaintext after close_notify, or TLS after
 * STARTTLS) see the same bytes, none lost and none duplicated. An idle connection keeps only a
 * small buffer (see {@link ConnectionOptions.Builder#receiveBufferSize}).
 *
 * <p><b>Errors.</b> Use after close fails at once with {@link ConnectionClosedException}; a peer
 * that resets the connection gives {@link ConnectionResetException}; every message names the peer
 * and the operation. Nothing blocks without a deadline.
 *
 * <p><b>Cancellation.</b> A connection may be tied to a {@link ShutdownSignal}; when it fires,
 * every blocked operation ends at once with {@link CancelledException}.
 *
 * <p><b>Thread-safety.</b> One thread may receive while another sends. Two concurrent receives, or
 * two concurrent sends, are not allowed. {@link #close()} may be called from any thread and wakes
 * blocked operations.
 */
public interface Connection extends Closeable {

    /**
     * Sends all {@code length} bytes of {@code data} starting at {@code offset}, within the send
     * timeout.
     *
     * @throws SendTimeoutException if the peer did not take the bytes in time
     * @throws CancelledException if the shutdown signal fired
     * @throws IOException if the connection is closed, its output was shut down, or the peer reset
     */
    void send(byte[] data, int offset, int length) throws IOException;

    /**
     * Receives at least one and at most {@code length} bytes into {@code buffer} at {@code offset},
     * within the receive timeout (or the deadline begun with {@link #beginReceiveDeadline}).
     * Buffered bytes are returned without waiting.
     *
     * @return the number of bytes received, or -1 at the end of the stream ({@code length} 0 returns 0)
     * @throws ReceiveTimeoutException if nothing arrived in time; nothing is lost
     * @throws CancelledException if the shutdown signal fired
     * @throws ConnectionClosedException if the connection is (or was, while waiting) closed
     * @throws ConnectionResetException if the peer reset the connection
     */
    int receive(byte[] buffer, int offset, int length) throws IOException;

    /**
     * Receives exactly {@code length} bytes under one deadline. If the deadline passes first, the
     * bytes received so far stay buffered for the next receive and {@link ReceiveTimeoutException}
     * is thrown.
     *
     * @throws java.io.EOFException if the stream ends before {@code length} bytes arrived (the
     *         bytes that did arrive stay buffered)
     * @throws ReceiveTimeoutException if the deadline passed first; nothing is lost
     */
    void receiveExactly(byte[] buffer, int offset, int length) throws IOException;

    /**
     * Puts every following receive, including those through {@link #inputStream()}, under one
     * deadline, until {@link #endReceiveDeadline()}. Replaces a deadline already begun. A receive
     * that would have to wait after the deadline passed throws {@link ReceiveTimeoutException}
     * naming the deadline's timeout (buffered bytes are still returned). Call it from the
     * receiving thread.
     */
    void beginReceiveDeadline(Deadline deadline);

    /** Returns to one deadline per receive call, from the receive timeout. */
    void endReceiveDeadline();

    /**
     * The receive side as a stream for a layer on top: reads go through the connection's buffer
     * with the same deadline rules as {@link #receive}; closing the stream does not close the
     * connection.
     */
    InputStream inputStream();

    /**
     * The send side as a stream for a layer on top: each write is a {@link #send}; flush does
     * nothing more; closing the stream does not close the connection.
     */
    OutputStream outputStream();

    /** Bytes already received and buffered, which a receive returns without waiting. */
    int buffered();

    /**
     * Sends a TCP FIN: the peer sees end of stream; receiving goes on. A later send fails with
     * {@link ConnectionClosedException}. Idempotent.
     */
    void shutdownOutput() throws IOException;

    /** Closes the connection and wakes every blocked operation on it. Idempotent. */
    @Override
    void close() throws IOException;

    /** False once closed, by either {@link #close()} or cancellation. */
    boolean isOpen();

    /** This side's address and port; still known after close. */
    InetSocketAddress localAddress();

    /** The peer's address and port; still known after close. */
    InetSocketAddress remoteAddress();

    /** The timeout of each receive call (from {@link ConnectionOptions#receiveTimeout()} at first). */
    Duration receiveTimeout();

    /**
     * Changes the timeout of the following receive calls.
     *
     * @throws IllegalArgumentException if null, zero or negative; the message names the value
     */
    void setReceiveTimeout(Duration timeout);

    /** The timeout of each send call (from {@link ConnectionOptions#sendTimeout()} at first). */
    Duration sendTimeout();

    /**
     * Changes the timeout of the following send calls.
     *
     * @throws IllegalArgumentException if null, zero or negative; the message names the value
     */
    void setSendTimeout(Duration timeout);
}
