package org.streamtls.transport;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One signal that ends every blocked operation — connect, send, receive, accept — of the
 * listeners and connections tied to it, at once, with {@link CancelledException} (StreamSSL's
 * shutdown event). Firing is permanent.
 *
 * <p>Tie a connection to a signal with {@link ConnectionOptions.Builder#shutdownSignal}, a
 * listener (and every connection it accepts) with {@link Listener.Builder#shutdownSignal}. A layer
 * on top (TLS) may register its own wake-up action with {@link #whenSignalled(Runnable)}.
 *
 * <p>Registration is cheap and leak-free: a connection registers when it is made and deregisters
 * when it is closed, so a long-lived signal shared by millions of short connections holds only the
 * open ones.
 *
 * <p>Thread-safe.
 */
public final class ShutdownSignal {

    private static final System.Logger LOG = System.getLogger(ShutdownSignal.class.getName());

    private final AtomicBoolean signalled = new AtomicBoolean();
    private final Set<Action> actions = ConcurrentHashMap.newKeySet();

    /** A new signal, not yet fired. */
    public ShutdownSignal() {
    }

    /**
     * Fires the signal: every registered action runs once, on this thread, and every later
     * registration runs at once. Calling it again does nothing.
     */
    public void signal() {
        if (!signalled.compareAndSet(false, true)) {
            return;
        }
        for (Action action : actions) {
            action.fire();
        }
    }

    /** True once {@link #signal()} was called. */
    public boolean isSignalled() {
        return signalled.get();
    }

    /**
     * Runs {@code action} once when the signal fires — at once, on this thread, if it already
     * has. The action must be quick and must not block (close a socket, unpark a thread); an
     * exception it throws is logged and does not stop the other actions.
     *
     * @return the registration; close it when the action is no longer needed (idempotent)
     */
    public Registration whenSignalled(Runnable action) {
        Action registered = new Action(Objects.requireNonNull(action, "action"));
        actions.add(registered);
        if (signalled.get()) {
            registered.fire();
        }
        return registered;
    }

    /** Number of actions registered and not yet fired or closed; for leak tests. */
    int registrations() {
        return actions.size();
    }

    /**
     * A registered action. Closing it removes the action from the signal if it has not fired yet.
     * Idempotent and thread-safe.
     */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final class Action implements Registration {
        private final Runnable action;
        private final AtomicBoolean done = new AtomicBoolean();

        Action(Runnable action) {
            this.action = action;
        }

        void fire() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            actions.remove(this);
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "shutdown action failed", e);
            }
        }

        @Override
        public void close() {
            if (done.compareAndSet(false, true)) {
                actions.remove(this);
            }
        }
    }
}
