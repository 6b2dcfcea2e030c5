package org.streamtls.tls.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsException;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.tls.TlsTimeouts;
import org.streamtls.tls.TlsVersion;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionClosedException;
import org.streamtls.transport.Deadline;
import org.streamtls.transport.ReceiveTimeoutException;

/**
 * A TLS connection over a transport {@link Connection}, after a completed handshake: receives
 * under one deadline per call (keeping bytes across timeouts), sends in records of the configured
 * size, and closes with close_notify — optionally handing the TCP connection back for plaintext.
 */
final class TlsConnectionImpl implements TlsConnection {

    private static final System.Logger LOG = System.getLogger("org.streamtls.tls");

    private final Engine engine;
    private final EngineState state;
    private final Connection transport;
    private final Outcome outcome;
    private final TlsSessionInfo session;
    private final TlsTimeouts timeouts;
    private final int maxRecordSize;
    private final String peer;
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final InputStream in = new TlsInputStream();
    private final OutputStream out = new TlsOutputStream();

    /** Decrypted bytes handed back after a receiveExactly timeout or read while waiting for close_notify. */
    private byte[] pending = new byte[0];
    private int pendingStart;
    private int pendingEnd;

    private volatile Deadline sharedDeadline;
    private volatile boolean closed;
    private volatile boolean tlsEnded;

    TlsConnectionImpl(Engine engine, Outcome outcome, TlsSessionInfo session, TlsTimeouts timeouts,
                      int maxRecordSize, String peer) {
        this.engine = engine;
        this.state = engine.state();
        this.transport = state.transport;
        this.outcome = outcome;
        this.session = session;
        this.timeouts = timeouts;
        this.maxRecordSize = maxRecordSize;
        this.peer = peer;
    }

    @Override
    public TlsSessionInfo session() {
        return session;
    }

    // ---- sending

    @Override
    public void send(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkCanSend();
        try {
            if (length <= maxRecordSize || maxRecordSize >= (1 << 14)) {
                if (length > 0) {
                    engine.write(data, offset, length);
                }
                return;
            }
            int end = offset + length;
            for (int pos = offset; pos < end; pos += maxRecordSize) {
                engine.write(data, pos, Math.min(maxRecordSize, end - pos));
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private void checkCanSend() throws IOException {
        if (closed) {
            throw new ConnectionClosedException("TLS connection with " + peer + " is closed");
        }
        if (state.failed) {
            throw new ConnectionClosedException("TLS connection with " + peer + " has failed and is closed");
        }
        if (state.closeNotifySent) {
            throw new ConnectionClosedException("TLS output to " + peer + " is closed: close_notify was sent");
        }
    }

    // ---- receiving

    @Override
    public int receive(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        receiveLock.lock();
        try {
            if (pendingEnd > pendingStart) {
                return takePending(buffer, offset, length);
            }
            checkCanReceive();
            Deadline deadline = sharedDeadline != null ? sharedDeadline : Deadline.after(transport.receiveTimeout());
            transport.beginReceiveDeadline(deadline);
            try {
                return engine.read(buffer, offset, length);
            } finally {
                transport.endReceiveDeadline();
            }
        } catch (IOException e) {
            throw translate(e);
        } finally {
            receiveLock.unlock();
        }
    }

    @Override
    public void receiveExactly(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        receiveLock.lock();
        try {
            Deadline deadline = sharedDeadline != null ? sharedDeadline : Deadline.after(transport.receiveTimeout());
            int done = 0;
            while (done < length) {
                int n;
                if (pendingEnd > pendingStart) {
                    n = takePending(buffer, offset + done, length - done);
                } else {
                    checkCanReceive();
                    transport.beginReceiveDeadline(deadline);
                    try {
                        n = engine.read(buffer, offset + done, length - done);
                    } catch (ReceiveTimeoutException timeout) {
                        pushBack(buffer, offset, done);
                        throw timeout;
                    } catch (IOException e) {
                        throw translate(e);
                    } finally {
                        transport.endReceiveDeadline();
                    }
                }
                if (n < 0) {
                    throw new EOFException("TLS stream from " + peer + " ended (close_notify) after " + done
                            + " of " + length + " bytes");
                }
                done += n;
            }
        } finally {
            receiveLock.unlock();
        }
    }

    private void checkCanReceive() throws IOException {
        if (closed && !tlsEnded) {
            throw new ConnectionClosedException("TLS connection with " + peer + " is closed");
        }
    }

    private int takePending(byte[] buffer, int offset, int length) {
        int n = Math.min(length, pendingEnd - pendingStart);
        System.arraycopy(pending, pendingStart, buffer, offset, n);
        pendingStart += n;
        return n;
    }

    /** Puts bytes back in front of the pending ones (receiveExactly timed out). */
    private void pushBack(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        int left = pendingEnd - pendingStart;
        byte[] merged = new byte[length + left];
        System.arraycopy(bytes, offset, merged, 0, length);
        System.arraycopy(pending, pendingStart, merged, length, left);
        pending = merged;
        pendingStart = 0;
        pendingEnd = merged.length;
    }

    /** Appends bytes after the pending ones (application data read while waiting for close_notify). */
    private void append(byte[] bytes, int length) {
        int left = pendingEnd - pendingStart;
        byte[] merged = new byte[left + length];
        System.arraycopy(pending, pendingStart, merged, 0, left);
        System.arraycopy(bytes, 0, merged, left, length);
        pending = merged;
        pendingStart = 0;
        pendingEnd = merged.length;
    }

    @Override
    public void beginReceiveDeadline(Deadline deadline) {
        this.sharedDeadline = Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public void endReceiveDeadline() {
        this.sharedDeadline = null;
    }

    @Override
    public int buffered() {
        return (pendingEnd - pendingStart) + engine.available();
    }

    @Override
    public InputStream inputStream() {
        return in;
    }

    @Override
    public OutputStream outputStream() {
        return out;
    }

    // ---- TLS operations

    @Override
    public void keyUpdate(boolean requestPeerUpdate) throws IOException {
        if (session.version() != TlsVersion.TLS_1_3) {
            throw new IllegalStateException("KeyUpdate needs TLS 1.3; this connection negotiated "
                    + session.version().displayName());
        }
        checkCanSend();
        try {
            engine.keyUpdate(requestPeerUpdate);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (closed || state.failed) {
            throw new ConnectionClosedException("TLS connection with " + peer + " is closed");
        }
        try {
            engine.sendCloseNotify();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public Connection shutdownTls() throws IOException {
        receiveLock.lock();
        try {
            if (closed) {
                throw new ConnectionClosedException("TLS connection with " + peer + " is closed");
            }
            if (state.failed) {
                throw new ConnectionClosedException("TLS connection with " + peer + " has failed and is closed");
            }
            try {
                engine.sendCloseNotify();
                if (!state.closeNotifyReceived) {
                    awaitPeerCloseNotify(true);
                }
            } catch (ReceiveTimeoutException timeout) {
                closeTransportQuietly();
                closed = true;
                throw new TlsException(peer + " did not answer close_notify within "
                        + timeouts.closeNotify().toMillis() + " ms; the connection cannot continue in plaintext"
                        + " and is closed", null, timeout);
            } catch (IOException e) {
                closeTransportQuietly();
                closed = true;
                throw translate(e);
            }
            tlsEnded = true;
            closed = true;
            LOG.log(Level.DEBUG, "TLS with {0} ended by close_notify; continuing in plaintext", peer);
            return transport;
        } finally {
            receiveLock.unlock();
        }
    }

    /** Reads until the peer's close_notify, under the close_notify timeout; keeps or drops data. */
    private void awaitPeerCloseNotify(boolean keepData) throws IOException {
        byte[] buf = new byte[4096];
        transport.beginReceiveDeadline(Deadline.after(timeouts.closeNotify()));
        try {
            int n;
            while ((n = engine.read(buf, 0, buf.length)) >= 0) {
                if (keepData) {
                    append(buf, n);
                }
            }
        } finally {
            transport.endReceiveDeadline();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Never wait behind a writer stuck on a peer that does not read: then just close TCP.
            if (!state.failed && transport.isOpen() && state.writeLock.tryLock()) {
                try {
                    if (transport.sendTimeout().compareTo(timeouts.closeNotify()) > 0) {
                        transport.setSendTimeout(timeouts.closeNotify());
                    }
                    engine.sendCloseNotify();
                } finally {
                    state.writeLock.unlock();
                }
                if (!state.closeNotifyReceived && receiveLock.tryLock()) {
                    try {
                        awaitPeerCloseNotify(false);
                    } finally {
                        receiveLock.unlock();
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing TLS with {0}: {1}", peer, e.toString());
        } finally {
            closeTransportQuietly();
        }
    }

    private void closeTransportQuietly() {
        try {
            transport.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public boolean isOpen() {
        return !closed && !state.failed && transport.isOpen();
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public Duration receiveTimeout() {
        return transport.receiveTimeout();
    }

    @Override
    public void setReceiveTimeout(Duration timeout) {
        transport.setReceiveTimeout(timeout);
    }

    @Override
    public Duration sendTimeout() {
        return transport.sendTimeout();
    }

    @Override
    public void setSendTimeout(Duration timeout) {
        transport.setSendTimeout(timeout);
    }

    private IOException translate(IOException e) {
        return Errors.translate(e, outcome, false, timeouts.handshake(), peer);
    }

    @Override
    public String toString() {
        return "TlsConnection[" + peer + ", " + session.summary() + (isOpen() ? "" : ", closed") + "]";
    }

    private final class TlsInputStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = receive(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return receive(b, off, len);
        }

        @Override
        public int available() {
            return buffered();
        }

        @Override
        public void close() {
            // The connection's owner closes it.
        }
    }

    private final class TlsOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            send(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            send(b, off, len);
        }

        @Override
        public void close() {
            // The connection's owner closes it.
        }
    }
}
