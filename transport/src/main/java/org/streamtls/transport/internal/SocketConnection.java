package org.streamtls.transport.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionClosedException;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.ConnectionResetException;
import org.streamtls.transport.Deadline;
import org.streamtls.transport.ReceiveTimeoutException;
import org.streamtls.transport.SendTimeoutException;
import org.streamtls.transport.ShutdownSignal;

/**
 * A {@link Connection} over a connected blocking {@link Socket}.
 *
 * <p>Receive: the connection owns one read buffer; each socket read waits
 * ({@code setSoTimeout}) only for the time left on the current deadline. A read that would fill
 * at least a whole buffer goes straight into the caller's array. {@link #receiveExactly} that
 * fails pushes the bytes it already had back into the buffer, so nothing is lost.
 *
 * <p>Send: the deadline is published for the shared {@link SendWatchdog}, which closes the socket
 * when it passes; the sender then reports {@link SendTimeoutException}.
 *
 * <p>Close and cancellation close the socket, which wakes blocked reads and writes; their socket
 * errors are reported as what happened (closed, cancelled, send timed out), never as a bare
 * {@link SocketException}.
 */
public final class SocketConnection implements Connection {

    static final long NOT_SENDING = Long.MIN_VALUE;
    static final long SEND_TIMED_OUT = Long.MIN_VALUE + 1;

    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int CANCELLED = 2;
    private static final int CLOSED_AFTER_SEND_TIMEOUT = 3;

    private static final VarHandle STATE;
    private static final VarHandle SEND_DEADLINE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(SocketConnection.class, "state", int.class);
            SEND_DEADLINE = lookup.findVarHandle(SocketConnection.class, "sendDeadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    private final String peer;
    private final int bufferSize;
    private final InputStream inputStream = new ConnectionInputStream(this);
    private final OutputStream outputStream = new ConnectionOutputStream(this);

    private volatile int state = OPEN;
    private volatile long sendDeadline = NOT_SENDING;
    private volatile boolean outputShutDown;
    private volatile Duration receiveTimeout;
    private volatile Duration sendTimeout;
    private volatile Deadline receiveDeadline;
    private volatile ShutdownSignal.Registration signalRegistration;

    // Receive buffer: bytes [pos, limit) are buffered. Allocated on first need. Receiver only.
    private byte[] buffer;
    private int pos;
    private int limit;

    private SocketConnection(Socket socket, ConnectionOptions options) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remoteAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.peer = AddressText.of(remoteAddress);
        this.bufferSize = options.receiveBufferSize();
        this.receiveTimeout = options.receiveTimeout();
        this.sendTimeout = options.sendTimeout();
    }

    /**
     * Wraps a connected socket. On failure (including a signal that already fired) the socket is
     * closed.
     *
     * @throws CancelledException if the options' shutdown signal has fired
     * @throws IOException if the socket is not connected or is closed
     */
    public static SocketConnection open(Socket socket, ConnectionOptions options) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(options, "options");
        try {
            if (!socket.isConnected()) {
                throw new SocketException("cannot wrap a socket that is not connected");
            }
            if (socket.isClosed()) {
                throw new ConnectionClosedException("cannot wrap a closed socket");
            }
            socket.setTcpNoDelay(true);
            SocketConnection c = new SocketConnection(socket, options);
            SendWatchdog.INSTANCE.register(c);
            ShutdownSignal signal = options.shutdownSignal().orElse(null);
            if (signal != null) {
                c.signalRegistration = signal.whenSignalled(c::cancel);
                if (c.state == CANCELLED) {
                    c.close();
                    throw new CancelledException("connection to " + c.peer);
                }
            }
            return c;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    // ---- receive ------------------------------------------------------------------------------

    @Override
    public int receive(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen("receive");
        if (len == 0) {
            return 0;
        }
        if (limit > pos) {
            return take(b, off, len);
        }
        Deadline deadline = currentDeadline();
        if (len >= bufferSize) {
            return readSocket(b, off, len, deadline);
        }
        if (fill(deadline) < 0) {
            return -1;
        }
        return take(b, off, len);
    }

    @Override
    public void receiveExactly(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen("receive");
        int got = take(b, off, len);
        if (got == len) {
            return;
        }
        Deadline deadline = currentDeadline();
        try {
            while (got < len) {
                int need = len - got;
                int n;
                if (need >= bufferSize) {
                    n = readSocket(b, off + got, need, deadline);
                } else {
                    n = fill(deadline) < 0 ? -1 : take(b, off + got, need);
                }
                if (n < 0) {
                    throw new EOFException("end of stream from " + peer + " after " + got
                            + " of " + len + " bytes");
                }
                got += n;
            }
        } catch (IOException | RuntimeException e) {
            unread(b, off, got);
            throw e;
        }
    }

    @Override
    public void beginReceiveDeadline(Deadline deadline) {
        this.receiveDeadline = Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public void endReceiveDeadline() {
        this.receiveDeadline = null;
    }

    @Override
    public InputStream inputStream() {
        return inputStream;
    }

    @Override
    public OutputStream outputStream() {
        return outputStream;
    }

    @Override
    public int buffered() {
        return limit - pos;
    }

    private Deadline currentDeadline() {
        Deadline d = receiveDeadline;
        return d != null ? d : Deadline.after(receiveTimeout);
    }

    /** Copies up to {@code len} buffered bytes; returns how many. */
    private int take(byte[] b, int off, int len) {
        int n = Math.min(len, limit - pos);
        if (n > 0) {
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
        }
        return n;
    }

    /** Puts {@code len} bytes back in front of the buffered ones. */
    private void unread(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        int buffered = limit - pos;
        if (buffer != null && pos >= len) {
            pos -= len;
            System.arraycopy(b, off, buffer, pos, len);
            return;
        }
        byte[] bigger = new byte[Math.max(bufferSize, len + buffered)];
        System.arraycopy(b, off, bigger, 0, len);
        if (buffered > 0) {
            System.arraycopy(buffer, pos, bigger, len, buffered);
        }
        buffer = bigger;
        pos = 0;
        limit = len + buffered;
    }

    /** Reads once from the socket into the buffer's free space; returns the count or -1. */
    private int fill(Deadline deadline) throws IOException {
        if (buffer == null) {
            buffer = new byte[bufferSize];
        } else if (pos == limit) {
            pos = 0;
            limit = 0;
            if (buffer.length > bufferSize) {
                buffer = new byte[bufferSize]; // grown by unread(); back to normal
            }
        } else if (limit == buffer.length) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = readSocket(buffer, limit, buffer.length - limit, deadline);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /** One socket read that waits at most until the deadline; returns the count or -1. */
    private int readSocket(byte[] b, int off, int len, Deadline deadline) throws IOException {
        for (;;) {
            long ms = deadline.remainingMillis();
            if (ms <= 0) {
                throw new ReceiveTimeoutException(deadline.timeout());
            }
            try {
                socket.setSoTimeout((int) Math.min(ms, Integer.MAX_VALUE));
                return in.read(b, off, len);
            } catch (SocketTimeoutException timedOut) {
                // Loop: the deadline check above reports it, or there is time left after rounding.
            } catch (IOException e) {
                throw failure(e, "receive");
            }
        }
    }

    // ---- send ---------------------------------------------------------------------------------

    @Override
    public void send(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        ensureOpen("send");
        if (outputShutDown) {
            throw new ConnectionClosedException("cannot send to " + peer
                    + ": output was shut down");
        }
        if (length == 0) {
            return;
        }
        Duration timeout = sendTimeout;
        long deadline = System.nanoTime() + toNanos(timeout);
        if (deadline == NOT_SENDING || deadline == SEND_TIMED_OUT) {
            deadline += 2;
        }
        sendDeadline = deadline;
        SendWatchdog.INSTANCE.sendStarted(deadline);
        IOException failed = null;
        try {
            out.write(data, offset, length);
        } catch (IOException e) {
            failed = e;
        }
        if (!SEND_DEADLINE.compareAndSet(this, deadline, NOT_SENDING)) {
            // The watchdog fired and closed the connection (perhaps just as the write ended).
            SendTimeoutException e = new SendTimeoutException(timeout);
            if (failed != null) {
                e.initCause(failed);
            }
            throw e;
        }
        if (failed != null) {
            throw failure(failed, "send");
        }
    }

    long sendDeadlineNanos() {
        return sendDeadline;
    }

    /** Called by the watchdog when the send with this deadline overran it. */
    void sendTimedOut(long deadline) {
        if (SEND_DEADLINE.compareAndSet(this, deadline, SEND_TIMED_OUT)) {
            closeAs(CLOSED_AFTER_SEND_TIMEOUT);
        }
    }

    private static long toNanos(Duration d) {
        try {
            return Math.min(d.toNanos(), Long.MAX_VALUE / 4);
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen("shutdownOutput");
        if (outputShutDown) {
            return;
        }
        try {
            socket.shutdownOutput();
            outputShutDown = true;
        } catch (IOException e) {
            throw failure(e, "shutdownOutput");
        }
    }

    @Override
    public void close() {
        closeAs(CLOSED);
    }

    private void cancel() {
        closeAs(CANCELLED);
    }

    private void closeAs(int reason) {
        STATE.compareAndSet(this, OPEN, reason);
        ShutdownSignal.Registration r = signalRegistration;
        if (r != null) {
            r.close();
        }
        SendWatchdog.INSTANCE.deregister(this);
        closeQuietly(socket);
    }

    @Override
    public boolean isOpen() {
        return state == OPEN;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Duration receiveTimeout() {
        return receiveTimeout;
    }

    @Override
    public void setReceiveTimeout(Duration timeout) {
        this.receiveTimeout = TimeoutText.requirePositive("receiveTimeout", timeout);
    }

    @Override
    public Duration sendTimeout() {
        return sendTimeout;
    }

    @Override
    public void setSendTimeout(Duration timeout) {
        this.sendTimeout = TimeoutText.requirePositive("sendTimeout", timeout);
    }

    @Override
    public String toString() {
        return "Connection[" + AddressText.of(localAddress) + " -> " + peer + (isOpen() ? "" : ", closed") + "]";
    }

    // ---- errors -------------------------------------------------------------------------------

    private void ensureOpen(String operation) throws IOException {
        if (state != OPEN) {
            throw closedError(operation, null);
        }
    }

    private IOException closedError(String operation, IOException cause) {
        switch (state) {
            case CANCELLED: {
                CancelledException e = new CancelledException(operation + " on connection to " + peer);
                if (cause != null) {
                    e.initCause(cause);
                }
                return e;
            }
            case CLOSED_AFTER_SEND_TIMEOUT:
                return new ConnectionClosedException("cannot " + operation + ": connection to "
                        + peer + " was closed after a send timed out (" + TimeoutText.of(sendTimeout) + ")",
                        cause);
            default:
                return new ConnectionClosedException("cannot " + operation + ": connection to "
                        + peer + " is closed", cause);
        }
    }

    /** Turns a socket error into what happened. */
    private IOException failure(IOException e, String operation) {
        if (state != OPEN) {
            return closedError(operation, e);
        }
        if (socket.isClosed()) {
            // Closed under us without close(): a virtual thread's socket I/O is closed by interrupt.
            closeAs(CLOSED);
            return new ConnectionClosedException("cannot " + operation + ": connection to " + peer
                    + " was closed (" + e.getMessage() + ")", e);
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (e instanceof SocketException && (m.contains("reset") || m.contains("broken pipe"))) {
            return new ConnectionResetException("connection to " + peer + " reset by the peer during "
                    + operation + " (" + e.getMessage() + ")", e);
        }
        return new IOException(operation + " on connection to " + peer + " failed: "
                + e.getMessage(), e);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
