package org.streamtls.transport.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends sends that overrun their deadline: Java socket writes have no timeout of their own, so one
 * shared daemon thread closes the socket of a connection whose send is late, and the sender turns
 * the resulting socket error into a {@link org.streamtls.transport.SendTimeoutException}.
 *
 * <p>Cheap on the send path: a send publishes its deadline in a volatile field of its connection
 * and wakes the watchdog only when that deadline is earlier than the one it sleeps until (at most
 * once per send-timeout period in steady traffic). The watchdog sleeps until the earliest deadline
 * it knows of, then scans the registered connections.
 *
 * <p>Thread-safe.
 */
final class SendWatchdog implements Runnable {

    /** {@link #wakeAt} when no send is being watched. */
    private static final long NEVER = Long.MIN_VALUE;

    static final SendWatchdog INSTANCE = new SendWatchdog();

    private final Set<SocketConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile long wakeAt = NEVER;
    private volatile Thread thread;

    private SendWatchdog() {
    }

    void register(SocketConnection connection) {
        connections.add(connection);
    }

    void deregister(SocketConnection connection) {
        connections.remove(connection);
    }

    /** Called after a connection published a new send deadline (a volatile write). */
    void sendStarted(long deadlineNanos) {
        long w = wakeAt;
        if (w == NEVER || deadlineNanos - w < 0) {
            LockSupport.unpark(thread());
        }
    }

    private Thread thread() {
        Thread t = thread;
        if (t == null) {
            synchronized (this) {
                t = thread;
                if (t == null) {
                    t = new Thread(this, "streamtls-send-watchdog");
                    t.setDaemon(true);
                    t.start();
                    thread = t;
                }
            }
        }
        return t;
    }

    @Override
    public void run() {
        for (;;) {
            // Publish NEVER before scanning: a send that starts during the scan either is seen by
            // the scan or sees a wake time it must beat, and then unparks us.
            wakeAt = NEVER;
            long now = System.nanoTime();
            long earliest = NEVER;
            for (SocketConnection c : connections) {
                long d = c.sendDeadlineNanos();
                if (d == SocketConnection.NOT_SENDING || d == SocketConnection.SEND_TIMED_OUT) {
                    continue;
                }
                if (d - now <= 0) {
                    c.sendTimedOut(d);
                } else if (earliest == NEVER || d - earliest < 0) {
                    earliest = d;
                }
            }
            wakeAt = earliest;
            if (earliest == NEVER) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, earliest - System.nanoTime());
            }
        }
    }
}
