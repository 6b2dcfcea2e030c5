package org.streamtls.bench.compare;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one server shape every contender runs in: a thread accepts on 127.0.0.1, and each accepted
 * connection gets its own new thread (platform or virtual) that runs the contender's server
 * handshake and then the measurement's work. Same loop for plain TCP, JSSE and StreamTLS, so the
 * only difference measured is the stack.
 */
final class ServerLoop implements Closeable {

    /** The contender's server side: turns an accepted socket into an endpoint (handshake included). */
    interface Opener {
        Endpoint open(Socket accepted) throws IOException;
    }

    /** What the server does with each connection once it is open. */
    interface Work {
        void serve(Endpoint endpoint) throws IOException;
    }

    private final ServerSocket serverSocket;
    private final ThreadKind threads;
    private final Opener opener;
    private final Work work;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final AtomicLong handlerCount = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    ServerLoop(ServerSocket serverSocket, ThreadKind threads, Opener opener, Work work) {
        this.serverSocket = serverSocket;
        this.threads = threads;
        this.opener = opener;
        this.work = work;
        this.acceptor = new Thread(this::acceptLoop, "compare-accept-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections whose server handshake completed. */
    long opened() {
        return opened.get();
    }

    /** Connections open now (handshake done, work not finished). */
    int active() {
        return active.get();
    }

    /** The first failure of a handshake or of the work, if any. */
    Throwable firstFailure() {
        return firstFailure.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    firstFailure.compareAndSet(null, e);
                }
                return;
            }
            sockets.add(socket);
            try {
                socket.setTcpNoDelay(true);
                threads.start("compare-handler-" + handlerCount.incrementAndGet(), () -> handle(socket));
            } catch (IOException | RuntimeException e) {
                firstFailure.compareAndSet(null, e);
                closeQuietly(socket);
                sockets.remove(socket);
            }
        }
    }

    private void handle(Socket socket) {
        Endpoint endpoint = null;
        try {
            endpoint = opener.open(socket);
            opened.incrementAndGet();
            active.incrementAndGet();
            try {
                work.serve(endpoint);
            } finally {
                active.decrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                firstFailure.compareAndSet(null, e);
            }
        } finally {
            if (endpoint != null) {
                closeQuietly(endpoint);
            }
            closeQuietly(socket);
            sockets.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing after the measurement: nothing to report
        }
    }
}
