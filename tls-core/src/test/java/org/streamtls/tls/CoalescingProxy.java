package org.streamtls.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 for one connection that forwards each direction in bursts: when bytes
 * arrive it waits {@code delayMillis}, then forwards everything that arrived meanwhile in a single
 * write (TCP_NODELAY, well under the loopback MSS: one segment). So a close_notify record and the
 * plaintext sent right behind it, or "STARTTLS\r\n" and the ClientHello behind it, reach the peer in
 * one TCP segment. Records every burst for assertions.
 */
final class CoalescingProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final int targetPort;
    private final long delayMillis;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Bursts forwarded towards the target (client to server). */
    final List<byte[]> toServer = new CopyOnWriteArrayList<>();
    /** Bursts forwarded towards the client. */
    final List<byte[]> toClient = new CopyOnWriteArrayList<>();

    CoalescingProxy(int targetPort, long delayMillis) throws IOException {
        this.listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayMillis = delayMillis;
        Thread acceptor = new Thread(this::acceptOne, "coalescing-proxy-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    private void acceptOne() {
        try {
            Socket client = listening.accept();
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            sockets.add(client);
            sockets.add(server);
            start(client, server, toServer, "c2s");
            start(server, client, toClient, "s2c");
        } catch (IOException e) {
            // closed before a client came
        }
    }

    private void start(Socket from, Socket to, List<byte[]> bursts, String name) {
        Thread t = new Thread(() -> pump(from, to, bursts), "coalescing-proxy-" + name);
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
    }

    private void pump(Socket from, Socket to, List<byte[]> bursts) {
        byte[] buf = new byte[256 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    to.shutdownOutput();
                    return;
                }
                Thread.sleep(delayMillis);
                while (in.available() > 0 && n < buf.length) {
                    int more = in.read(buf, n, Math.min(in.available(), buf.length - n));
                    if (more < 0) {
                        break;
                    }
                    n += more;
                }
                bursts.add(Arrays.copyOf(buf, n));
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a side closed
        }
    }

    /** Whether some burst held a TLS record header (alert 0x15 or, for TLS 1.3, 0x17) and ended with the marker. */
    static boolean recordThenPlaintextInOneBurst(List<byte[]> bursts, byte[] marker) {
        for (byte[] b : bursts) {
            if (b.length > marker.length + 5 && (b[0] == 0x15 || b[0] == 0x17) && b[1] == 3 && b[2] == 3
                    && Arrays.equals(b, b.length - marker.length, b.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        listening.close();
        for (Socket s : sockets) {
            s.close();
        }
        synchronized (threads) {
            for (Thread t : threads) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
