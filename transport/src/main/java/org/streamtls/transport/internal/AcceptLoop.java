package org.streamtls.transport.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.ConnectionClosedException;
import org.streamtls.transport.ConnectionHandler;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;
import org.streamtls.transport.ShutdownSignal;

/**
 * The engine of a {@link Listener}: one accept thread that only accepts, counts and hands each
 * connection to a new handler thread; bookkeeping of the connections in progress for the limit
 * and for stop.
 */
public final class AcceptLoop {

    /** After force-closing, how long stop waits for the handler threads to end. */
    public static final long FORCE_CLOSE_WAIT_MILLIS = 2000;

    private static final System.Logger LOG = System.getLogger(Listener.class.getName());
    private static final int BACKLOG = 1024;
    private static final long ACCEPT_ERROR_PAUSE_MILLIS = 50;

    private final ServerSocket server;
    private final InetSocketAddress localAddress;
    private final ConnectionOptions options;
    private final ConnectionHandler handler;
    private final int maxInProgress;
    private final ShutdownSignal signal;
    private final Thread acceptThread;
    private final String handlerNamePrefix;

    private final Set<Task> inProgress = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgressCount = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong handlerSequence = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition taskEnded = lock.newCondition();

    private volatile boolean stopping;
    private volatile ShutdownSignal.Registration signalRegistration;
    private Listener.StopReport stopReport;

    private AcceptLoop(ServerSocket server, ConnectionOptions options, ConnectionHandler handler,
                       int maxInProgress, ShutdownSignal signal) {
        this.server = server;
        this.localAddress = (InetSocketAddress) server.getLocalSocketAddress();
        this.options = options;
        this.handler = handler;
        this.maxInProgress = maxInProgress;
        this.signal = signal;
        int port = localAddress.getPort();
        this.handlerNamePrefix = "streamtls-handler-" + port + "-";
        this.acceptThread = new Thread(this::acceptLoop, "streamtls-accept-" + port);
    }

    public static AcceptLoop start(InetAddress bindAddress, int port, ConnectionOptions options,
                                   ConnectionHandler handler, int maxInProgress, ShutdownSignal signal)
            throws IOException {
        if (signal != null && signal.isSignalled()) {
            throw new CancelledException("listener start");
        }
        ServerSocket server = new ServerSocket();
        InetSocketAddress bind = bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port);
        try {
            server.setReuseAddress(true);
            server.bind(bind, BACKLOG);
        } catch (IOException e) {
            server.close();
            String where = (bindAddress == null ? "the wildcard address" : bindAddress.getHostAddress()) + " port " + port;
            BindException clear = new BindException("cannot listen on " + where + ": " + e.getMessage());
            clear.initCause(e);
            throw clear;
        }
        AcceptLoop loop = new AcceptLoop(server, options, handler, maxInProgress, signal);
        if (signal != null) {
            loop.signalRegistration = signal.whenSignalled(loop::cancel);
        }
        loop.acceptThread.start();
        LOG.log(System.Logger.Level.DEBUG, () -> "listening on " + AddressText.of(loop.localAddress)
                + (HandlerThreads.virtual() ? " (virtual handler threads)" : " (platform handler threads)"));
        return loop;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public boolean isAccepting() {
        return !stopping && !server.isClosed() && acceptThread.isAlive();
    }

    public int connectionsInProgress() {
        return inProgressCount.get();
    }

    public long refusedConnections() {
        return refused.get();
    }

    private void cancel() {
        stopping = true;
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (stopping || server.isClosed()) {
                    break;
                }
                LOG.log(System.Logger.Level.WARNING, "accept failed on " + localAddress + ": " + e.getMessage()
                        + "; retrying in " + ACCEPT_ERROR_PAUSE_MILLIS + " ms", e);
                pause();
                continue;
            }
            if (stopping) {
                closeQuietly(socket);
                break;
            }
            if (inProgressCount.get() >= maxInProgress) {
                refused.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, () -> "refused a connection from " + socket.getRemoteSocketAddress()
                        + ": " + maxInProgress + " connections in progress");
                closeQuietly(socket);
                continue;
            }
            dispatch(socket);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "stopped accepting on " + localAddress);
    }

    /** Wraps and starts a handler thread; only cheap system calls on the accept thread. */
    private void dispatch(Socket socket) {
        SocketConnection connection;
        try {
            connection = SocketConnection.open(socket, options);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "dropped a connection at accept: " + e.getMessage());
            return;
        }
        Task task = new Task(connection);
        inProgressCount.incrementAndGet();
        inProgress.add(task);
        try {
            task.thread = HandlerThreads.newThread(handlerNamePrefix + handlerSequence.incrementAndGet(), task);
            task.thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.WARNING, "cannot start a handler thread for "
                    + AddressText.of(connection.remoteAddress()) + "; connection closed", e);
            connection.close();
            refused.incrementAndGet();
            ended(task);
        }
    }

    private final class Task implements Runnable {
        final SocketConnection connection;
        volatile Thread thread;

        Task(SocketConnection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            try {
                handler.handle(connection);
            } catch (CancelledException | ConnectionClosedException e) {
                if (stopping) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "handler for " + AddressText.of(connection.remoteAddress())
                            + " ended by stop: " + e.getMessage());
                } else {
                    LOG.log(System.Logger.Level.WARNING, "handler for " + AddressText.of(connection.remoteAddress())
                            + " failed: " + e.getMessage(), e);
                }
            } catch (IOException e) {
                // Peers that reset, time out or send garbage are routine for a server.
                LOG.log(System.Logger.Level.INFO, "handler for " + AddressText.of(connection.remoteAddress())
                        + " failed: " + e, e);
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "handler for " + AddressText.of(connection.remoteAddress())
                        + " failed: " + e, e);
            } finally {
                connection.close();
                ended(this);
            }
        }
    }

    private void ended(Task task) {
        if (inProgress.remove(task)) {
            inProgressCount.decrementAndGet();
        }
        lock.lock();
        try {
            taskEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public Listener.StopReport stop(Duration grace) {
        synchronized (this) {
            if (stopReport != null) {
                return stopReport;
            }
            stopping = true;
            closeQuietly(server);
            ShutdownSignal.Registration r = signalRegistration;
            if (r != null) {
                r.close();
            }
            joinQuietly(acceptThread, FORCE_CLOSE_WAIT_MILLIS);
            int runningAtStop = inProgress.size();

            long deadline = System.nanoTime() + toNanos(grace);
            awaitAllEnded(deadline);

            List<Task> remaining = new ArrayList<>(inProgress);
            int finished = runningAtStop - remaining.size();
            for (Task t : remaining) {
                t.connection.close();
                Thread thread = t.thread;
                if (thread != null) {
                    thread.interrupt();
                }
            }
            long forceDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORCE_CLOSE_WAIT_MILLIS);
            int stillRunning = 0;
            for (Task t : remaining) {
                Thread thread = t.thread;
                if (thread != null) {
                    long left = TimeUnit.NANOSECONDS.toMillis(forceDeadline - System.nanoTime());
                    joinQuietly(thread, Math.max(1, left));
                    if (thread.isAlive()) {
                        stillRunning++;
                    }
                }
            }
            stopReport = new Listener.StopReport(Math.max(0, finished), remaining.size(), stillRunning);
            if (stillRunning > 0) {
                LOG.log(System.Logger.Level.WARNING, "listener on " + localAddress + " stopped; " + stillRunning
                        + " handler thread(s) did not end after their connection was closed");
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "listener on " + localAddress + " stopped: " + stopReport);
            return stopReport;
        }
    }

    private void awaitAllEnded(long deadlineNanos) {
        lock.lock();
        try {
            long left;
            while (!inProgress.isEmpty() && (left = deadlineNanos - System.nanoTime()) > 0) {
                taskEnded.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static void joinQuietly(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        try {
            Thread.sleep(ACCEPT_ERROR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Nothing more to release.
        }
    }
}
