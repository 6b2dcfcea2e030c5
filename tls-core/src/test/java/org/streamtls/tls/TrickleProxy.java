package org.streamtls.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 for one connection whose server-to-client direction can be switched to
 * trickle: one byte every {@code trickleMillis} ms, the way a hostile peer tries to keep a receive
 * alive past its timeout. Client-to-server goes at full speed.
 */
final class TrickleProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile long trickleMillis;

    TrickleProxy(int targetPort) throws IOException {
        this.listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, false);
                pump(server, client, true);
            } catch (IOException e) {
                // closed before a client came
            }
        }, "trickle-proxy-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /** 0 for full speed, else the pause before each byte sent to the client. */
    void trickle(long millis) {
        this.trickleMillis = millis;
    }

    private void pump(Socket from, Socket to, boolean mayTrickle) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    for (int i = 0; i < n; ) {
                        long pause = mayTrickle ? trickleMillis : 0;
                        if (pause > 0) {
                            Thread.sleep(pause);
                            out.write(buf[i++]);
                        } else {
                            out.write(buf, i, n - i);
                            i = n;
                        }
                        out.flush();
                    }
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // a side closed
            }
        }, "trickle-proxy-pump");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listening.close();
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
