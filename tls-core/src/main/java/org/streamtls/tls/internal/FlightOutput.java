package org.streamtls.tls.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * BouncyCastle's record output. During the handshake it gathers a flight: BouncyCastle writes (and
 * flushes) one record per handshake message, and each would otherwise be its own system call and
 * TCP segment (TCP_NODELAY), waking the peer once per message. The gathered records are sent in
 * one write when the handshake next waits for the peer ({@link EngineState#input()} calls
 * {@link #send()} before every read), when it ends, and before a failure closes the connection (so
 * the fatal alert is delivered). After {@link #stopGathering()} every write goes straight to the
 * transport.
 *
 * <p>Gathering happens on the one handshake thread; afterwards writes arrive under the engine's
 * write lock.
 */
final class FlightOutput extends OutputStream {

    /** A TLS 1.3 server flight with a two-certificate chain fits without growing. */
    private static final int INITIAL_SIZE = 4096;

    private final OutputStream transport;
    private volatile boolean gathering = true;
    private byte[] flight;
    private int count;

    FlightOutput(OutputStream transport) {
        this.transport = transport;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!gathering) {
            transport.write(b, off, len);
            return;
        }
        if (flight == null) {
            flight = new byte[Math.max(INITIAL_SIZE, len)];
        } else if (flight.length - count < len) {
            flight = Arrays.copyOf(flight, Math.max(2 * flight.length, count + len));
        }
        System.arraycopy(b, off, flight, count, len);
        count += len;
    }

    /** While gathering, BouncyCastle's flush after each record waits for {@link #send()}. */
    @Override
    public void flush() throws IOException {
        if (!gathering) {
            transport.flush();
        }
    }

    /** Sends the records gathered so far in one write. */
    void send() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            transport.write(flight, 0, n);
            transport.flush();
        }
    }

    /** Sends what is gathered, ignoring a failure (the connection is failing already). */
    void sendQuietly() {
        try {
            send();
        } catch (IOException ignored) {
            // the peer may be gone: the failure being handled is what gets reported
        }
    }

    /** The handshake is over: sends what is gathered; from now on every write goes straight through. */
    void stopGathering() throws IOException {
        send();
        gathering = false;
        flight = null;
    }
}
