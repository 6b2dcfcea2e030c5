package org.streamtls.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test peer on a plain java.net.ServerSocket (independent of the code under test), bound to a
 * loopback address on a free port. The test scripts what the peer does with each accepted socket.
 */
final class RawPeer implements AutoCloseable {

    /** What the peer does with an accepted socket; runs on the peer's thread. */
    interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final Thread thread;
    private final BlockingQueue<Socket> accepted = new ArrayBlockingQueue<>(16);
    private volatile Throwable failure;

    private RawPeer(ServerSocket server, Script script) {
        this.server = server;
        this.thread = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                accepted.add(s);
                script.run(s);
            } catch (Throwable t) {
                if (!server.isClosed()) {
                    failure = t;
                }
            }
        }, "test-raw-peer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A peer on {@code address} that runs {@code script} for the first connection. */
    static RawPeer start(String address, Script script) throws IOException {
        return start(address, 0, script);
    }

    /** Same, with the listening socket's receive buffer set (0: system default). */
    static RawPeer start(String address, int receiveBufferSize, Script script) throws IOException {
        ServerSocket server = new ServerSocket();
        if (receiveBufferSize > 0) {
            server.setReceiveBufferSize(receiveBufferSize);
        }
        server.bind(new java.net.InetSocketAddress(InetAddress.getByName(address), 0), 50);
        return new RawPeer(server, script);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The accepted socket, once there is one. */
    Socket accepted() throws InterruptedException {
        Socket s = accepted.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the peer accepted no connection within 5 s");
        }
        accepted.add(s);
        return s;
    }

    /** Throws what the script threw, if anything. */
    void assertNoFailure() {
        if (failure != null) {
            throw new AssertionError("the test peer failed", failure);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = accepted.poll();
        if (s != null) {
            s.close();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError("the test peer's thread did not end within 5 s");
        }
    }

    /**
     * A socket bound to {@code address} and {@code port} (0: a free one) that does not listen: a
     * connect there is refused, and no other socket (of this or another process) can take the
     * port meanwhile, nor can a connect there become a TCP self-connection.
     */
    static Socket refusingPort(String address, int port) throws IOException {
        Socket holder = new Socket();
        holder.setReuseAddress(false);
        holder.bind(new java.net.InetSocketAddress(InetAddress.getByName(address), port));
        return holder;
    }

    /** Sleeps without the checked exception, for scripts. */
    static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Blocks until the socket closes or the peer is closed: a peer that never reads. */
    static void holdOpen(Socket s) throws InterruptedException {
        while (!s.isClosed()) {
            Thread.sleep(20);
        }
    }
}
