package org.streamtls.tls.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.tls.AlertDescription;
import org.streamtls.transport.Connection;
import org.streamtls.transport.Deadline;

/**
 * State shared by the protocol object and the connection around it: the lock that serialises every
 * record written (BouncyCastle writes alerts from the reading thread without its own write lock),
 * which close_notify alerts have passed, and how a failure closes the TCP connection.
 */
final class EngineState {

    /**
     * After a failed handshake, how long to keep reading (and discarding) before closing, so the
     * fatal alert we sent is delivered: closing a socket with unread input makes TCP send RST, and
     * the peer, still writing its flight, would lose the alert with it.
     */
    static final Duration FAILURE_LINGER = Duration.ofMillis(250);

    /** Held while a record is written (and across a KeyUpdate); tryLock lets close() avoid waiting on a stuck writer. */
    final ReentrantLock writeLock = new ReentrantLock();
    final Connection transport;
    /** BouncyCastle's output: gathers each handshake flight into one write. */
    final FlightOutput output;
    volatile boolean closeNotifySent;
    volatile boolean closeNotifyReceived;
    volatile boolean failed;
    /** True once the transport reported end of stream: the peer closed (or half-closed) TCP. */
    volatile boolean peerEndedStream;
    /** True while the handshake runs on one thread: only then may a failure linger to read. */
    volatile boolean handshaking = true;

    EngineState(Connection transport) {
        this.transport = transport;
        this.output = new FlightOutput(transport.outputStream());
    }

    /** A write of BouncyCastle's, run by {@link #locked}. */
    interface Write {
        void run() throws IOException;
    }

    /** Runs one write under the write lock, so that no two records interleave. */
    void locked(Write write) throws IOException {
        writeLock.lock();
        try {
            write.run();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs a warning alert's write under the write lock; a second close_notify is not sent
     * (BouncyCastle would answer the peer's close_notify again after ours).
     */
    void lockedWarning(short alertDescription, Write write) throws IOException {
        locked(() -> {
            if (alertDescription == AlertDescription.close_notify) {
                if (closeNotifySent) {
                    return;
                }
                closeNotifySent = true;
            }
            write.run();
        });
    }

    /**
     * The transport's input for BouncyCastle, noting when the peer ends the TCP stream. Before each
     * read it sends the flight gathered so far: the handshake is about to wait for the peer's answer.
     */
    InputStream input() {
        return new FilterInputStream(transport.inputStream()) {
            @Override
            public int read() throws IOException {
                output.send();
                int b = super.read();
                if (b < 0) {
                    peerEndedStream = true;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                output.send();
                int n = in.read(buffer, offset, length);
                if (n < 0) {
                    peerEndedStream = true;
                }
                return n;
            }
        };
    }

    /** After a failure BouncyCastle has sent its alert: let it reach the peer, then drop the TCP connection. */
    void onFailure() {
        failed = true;
        output.sendQuietly(); // the fatal alert, perhaps behind the rest of a flight
        try {
            if (handshaking) {
                linger();
            }
        } finally {
            try {
                transport.close();
            } catch (IOException ignored) {
                // closing after a failure: nothing more to report
            }
        }
    }

    private void linger() {
        try {
            transport.shutdownOutput();
            transport.beginReceiveDeadline(Deadline.after(FAILURE_LINGER));
            byte[] discard = new byte[4096];
            while (transport.receive(discard, 0, discard.length) >= 0) {
                // the peer's remaining flight: not needed
            }
        } catch (IOException ignored) {
            // timed out, reset or closed: we are closing anyway
        } finally {
            transport.endReceiveDeadline();
        }
    }
}
