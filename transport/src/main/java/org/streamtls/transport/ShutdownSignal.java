package org.streamtls.transport;

/**
 * One signal that ends every blocked operation — connect, send, receive, accept — of the
 * listeners and connections tied to it, at once, with {@link CancelledException} (StreamSSL's
 * shutdown event). Firing is permanent.
 *
 * <p>Thread-safe.
 */
public final class ShutdownSignal {
    // Implemented by the transport issue: signal(), isSignalled(), and registration of what to wake.
}
