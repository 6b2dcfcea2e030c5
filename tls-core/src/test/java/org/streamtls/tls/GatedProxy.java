package org.streamtls.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 for one connection whose server-to-client direction passes through a
 * gate: it forwards only up to a total byte count ({@link #allowUpTo}), so a test can stop a record
 * at any byte; it can also inject raw bytes towards the client and end the client's stream (TCP FIN).
 * Client-to-server goes at full speed.
 */
final class GatedProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private long allowed = Long.MAX_VALUE;
    private long forwarded;
    private volatile Socket client;

    GatedProxy(int targetPort) throws IOException {
        this.listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                Socket c = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                c.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(c);
                sockets.add(server);
                client = c;
                start(() -> pump(c.getInputStream(), server.getOutputStream(), false));
                start(() -> pump(server.getInputStream(), c.getOutputStream(), true));
            } catch (IOException e) {
                // closed before a client came
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /** Bytes forwarded to the client so far. */
    long forwarded() {
        synchronized (gate) {
            return forwarded;
        }
    }

    /** Lets the server-to-client direction forward until {@code total} bytes have passed in all. */
    void allowUpTo(long total) {
        synchronized (gate) {
            allowed = total;
            gate.notifyAll();
        }
    }

    /** Waits (at most 5 s) until exactly {@code total} bytes have been forwarded to the client. */
    void awaitForwarded(long total) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        synchronized (gate) {
            while (forwarded != total) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("proxy forwarded " + forwarded + " bytes, expected " + total);
                }
                gate.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Writes raw bytes to the client, as if the server had sent them. */
    void inject(byte[] bytes) throws IOException {
        synchronized (gate) {
            OutputStream out = client.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    /** Ends the client's stream (TCP FIN) without anything more. */
    void endToClient() throws IOException {
        synchronized (gate) {
            client.shutdownOutput();
        }
    }

    private interface Pump {
        void run() throws IOException, InterruptedException;
    }

    private static void start(Pump pump) {
        Thread t = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException | InterruptedException e) {
                // a side closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream in, OutputStream out, boolean gated) throws IOException, InterruptedException {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (!gated) {
                out.write(buf, 0, n);
                continue;
            }
            int off = 0;
            while (off < n) {
                synchronized (gate) {
                    while (forwarded >= allowed) {
                        gate.wait();
                    }
                    int step = (int) Math.min(n - off, allowed - forwarded);
                    out.write(buf, off, step);
                    out.flush();
                    off += step;
                    forwarded += step;
                    gate.notifyAll();
                }
            }
        }
        if (!gated) {
            out.close();
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        for (Socket s : sockets) {
            s.close();
        }
        synchronized (gate) {
            allowed = Long.MAX_VALUE;
            gate.notifyAll();
        }
    }
}
