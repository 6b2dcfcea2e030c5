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
 * <p>Receive: each socket read waits ({@code setSoTimeout}) only for the time left on the current
 * deadline. While nothing is buffered, a read blocks on a small array of the connection's own
 * ({@link #IDLE_BUFFER_SIZE} bytes), or goes straight into the caller's array when the caller asks
 * for at least that much (half a buffer or more whenever it can). Only when the last read filled
 * all it was offered and the kernel already holds more bytes (asked with {@code available()}, an
 * ioctl, and remembered: bytes in the kernel stay there until read) does a read go into a
 * full-size buffer ({@code receiveBufferSize}) borrowed from a shared {@link ReceiveBufferPool};
 * such a read cannot block, and the buffer goes back to the pool as soon as its bytes are taken.
 * So an idle connection holds only the small array, a busy one reads a whole buffer per system
 * call, and the steady path allocates nothing. {@link #receiveExactly} that fails pushes the bytes it
 * already had back into the buffer, so nothing is lost.
 *
 * <p>Send: the deadline is published for the shared {@link SendWatchdog}, which closes the socket
 * when it passes; the sender then reports {@link SendTimeoutException}.
 *
 * <p>Close and cancellation close the socket, which wakes blocked reads and writes; their socket
 * errors are reported as what happened (closed, cancelled, send timed out), never as a bare
 * {@link SocketException}.
 */
public final class SocketConnection implements Connection {

    /**
     * The array a receive blocks on while nothing is buffered (a TLS record header is 5 bytes):
     * all an idle connection holds, instead of a full receive buffer.
     */
    static final int IDLE_BUFFER_SIZE = 512;

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
    private final ReceiveBufferPool pool;
    private final int poolHint;
    /** A receive of at least this many bytes with nothing buffered reads straight into the caller's array. */
    private final int directReadSize;
    private final InputStream inputStream = new ConnectionInputStream(this);
    private final OutputStream outputStream = new ConnectionOutputStream(this);

    private volatile int state = OPEN;
    private volatile long sendDeadline = NOT_SENDING;
    private volatile boolean outputShutDown;
    private volatile Duration receiveTimeout;
    private volatile Duration sendTimeout;
    private volatile Deadline receiveDeadline;
    private volatile ShutdownSignal.Registration signalRegistration;

    // Receive buffer: bytes [pos, limit) of buffer are buffered. Receiver thread only. buffer is
    // ownBuffer (the small idle array, or the whole buffer when there is no pool), a full-size
    // buffer borrowed from pool (borrowed), or an array made by unread(); the last two only while
    // they hold bytes. ownBuffer is allocated on the first receive.
    private byte[] buffer;
    private byte[] ownBuffer;
    private boolean borrowed;
    private int pos;
    private int limit;
    /** The last socket read filled all it was offered: the kernel may hold more. */
    private boolean moreWaiting;
    /** Bytes known to wait in the kernel (a lower bound; 0: unknown). Receiver thread only. */
    private int kernelWaiting;
    /** The socket's SO_TIMEOUT as last set, in ms (0: never set). Receiver thread only. */
    private int soTimeout;

    private SocketConnection(Socket socket, ConnectionOptions options) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remoteAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.peer = AddressText.of(remoteAddress);
        this.bufferSize = options.receiveBufferSize();
        this.pool = bufferSize > IDLE_BUFFER_SIZE ? ReceiveBufferPool.forSize(bufferSize) : null;
        this.poolHint = System.identityHashCode(this);
        this.directReadSize = pool != null ? Math.max(IDLE_BUFFER_SIZE, bufferSize / 2) : bufferSize;
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
        return readUnbuffered(b, off, len, currentDeadline());
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
                // take() drained the buffer: nothing is buffered here.
                int n = readUnbuffered(b, off + got, len - got, deadline);
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

    /**
     * The length of the receive buffer this connection holds now: 0 before its first receive, the
     * small idle array's length while nothing more is buffered, or a full-size buffer's while one
     * is borrowed (or an array that holds bytes put back after a failed receiveExactly). Receiver
     * thread only; for tests and diagnostics.
     */
    int receiveBufferHeld() {
        byte[] b = buffer;
        return b == null ? 0 : b.length;
    }

    /** Bytes the kernel holds for this connection, not yet read (for tests). */
    int kernelBuffered() throws IOException {
        return in.available();
    }

    /** The pool this connection borrows full-size buffers from; null if it keeps its own. */
    ReceiveBufferPool receiveBufferPool() {
        return pool;
    }

    private Deadline currentDeadline() {
        Deadline d = receiveDeadline;
        return d != null ? d : Deadline.after(receiveTimeout);
    }

    /**
     * Receives when nothing is buffered: at least one byte into {@code b}, or -1 at the end of the
     * stream. A large request (half a buffer or more) reads straight into the caller's array. A
     * smaller one reads into a full-size buffer borrowed from the pool only when the last read
     * filled all it was offered and the kernel already holds more bytes than the caller asked for
     * and the idle array takes: that read cannot block, so no idle connection holds a full buffer.
     * Otherwise it reads straight into the caller's array if it asked for at least the idle
     * array's length, else into the idle array.
     */
    private int readUnbuffered(byte[] b, int off, int len, Deadline deadline) throws IOException {
        if (len >= directReadSize) {
            return readDirect(b, off, len, deadline);
        }
        if (pool != null) {
            int worthABuffer = Math.max(len, IDLE_BUFFER_SIZE);
            if ((moreWaiting || kernelWaiting > 0) && waitingInKernel(worthABuffer) > worthABuffer) {
                return readBorrowed(b, off, len, deadline);
            }
            if (len >= IDLE_BUFFER_SIZE) {
                return readDirect(b, off, len, deadline);
            }
        }
        byte[] own = ownBuffer;
        if (own == null) {
            own = ownBuffer = new byte[pool != null ? IDLE_BUFFER_SIZE : bufferSize];
        }
        buffer = own;
        pos = 0;
        limit = 0;
        int n = readSocket(own, 0, own.length, deadline);
        moreWaiting = n == own.length;
        if (n < 0) {
            return -1;
        }
        limit = n;
        return take(b, off, len);
    }

    /** A socket read into the caller's array, bypassing the buffer. */
    private int readDirect(byte[] b, int off, int len, Deadline deadline) throws IOException {
        int n = readSocket(b, off, len, deadline);
        moreWaiting = n == len;
        return n;
    }

    /** A socket read into a buffer borrowed from the pool, kept until its bytes are taken. */
    private int readBorrowed(byte[] b, int off, int len, Deadline deadline) throws IOException {
        byte[] full = pool.borrow(poolHint);
        buffer = full;
        borrowed = true;
        pos = 0;
        limit = 0;
        int n;
        try {
            n = readSocket(full, 0, full.length, deadline);
        } catch (IOException | RuntimeException e) {
            releaseBuffer();
            throw e;
        }
        moreWaiting = n == full.length;
        if (n < 0) {
            releaseBuffer();
            return -1;
        }
        limit = n;
        return take(b, off, len);
    }

    /**
     * Bytes the kernel holds for this socket, at least: the count known from the last time it was
     * asked, less what was read since (bytes in the kernel stay until read), asked again (a system
     * call) only when that count is not above {@code enough}.
     */
    private int waitingInKernel(int enough) throws IOException {
        if (kernelWaiting <= enough) {
            try {
                kernelWaiting = in.available();
            } catch (IOException e) {
                throw failure(e, "receive");
            }
        }
        return kernelWaiting;
    }

    /**
     * Copies up to {@code len} buffered bytes; returns how many. When that empties a borrowed
     * buffer (or one made by {@link #unread}), the connection goes back to its idle array.
     */
    private int take(byte[] b, int off, int len) {
        int n = Math.min(len, limit - pos);
        if (n > 0) {
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            if (pos == limit && buffer != ownBuffer) {
                releaseBuffer();
            }
        }
        return n;
    }

    /** Returns a borrowed buffer to the pool (drops an unread one); nothing stays buffered. */
    private void releaseBuffer() {
        if (borrowed) {
            borrowed = false;
            pool.giveBack(buffer, poolHint);
        }
        buffer = ownBuffer;
        pos = 0;
        limit = 0;
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
        if (buffered == 0 && ownBuffer != null && ownBuffer.length >= len) {
            releaseBuffer();
            System.arraycopy(b, off, ownBuffer, 0, len);
            limit = len;
            return;
        }
        // Rare (a receiveExactly failed after more than the idle array holds): an array of the
        // exact size, dropped once its bytes are taken.
        byte[] joined = new byte[len + buffered];
        System.arraycopy(b, off, joined, 0, len);
        if (buffered > 0) {
            System.arraycopy(buffer, pos, joined, len, buffered);
        }
        if (borrowed) {
            borrowed = false;
            pool.giveBack(buffer, poolHint);
        }
        buffer = joined;
        pos = 0;
        limit = len + buffered;
    }

    /** One socket read that waits at most until the deadline; returns the count or -1. */
    private int readSocket(byte[] b, int off, int len, Deadline deadline) throws IOException {
        for (;;) {
            int ms = (int) Math.min(deadline.remainingMillis(), Integer.MAX_VALUE);
            if (ms <= 0) {
                throw new ReceiveTimeoutException(deadline.timeout());
            }
            try {
                // Keep the socket's timeout while it ends at most 1/16 before the deadline: setting
                // it boxes an Integer, and an early wake-up only loops once more.
                int t = soTimeout;
                if (t > ms || t < ms - (ms >> 4)) {
                    socket.setSoTimeout(ms);
                    soTimeout = ms;
                }
                int n = in.read(b, off, len);
                if (n > 0) {
                    kernelWaiting = Math.max(0, kernelWaiting - n);
                }
                return n;
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
