package org.streamtls.tls.internal;

import org.streamtls.transport.Connection;

/**
 * State shared by the protocol object and the connection around it: the lock that serialises every
 * record written (BouncyCastle writes alerts from the reading thread without its own write lock),
 * and which close_notify alerts have passed.
 */
final class EngineState {

    final Object writeLock = new Object();
    final Connection transport;
    volatile boolean closeNotifySent;
    volatile boolean closeNotifyReceived;
    volatile boolean failed;

    EngineState(Connection transport) {
        this.transport = transport;
    }

    /** After a failure BouncyCastle has sent its alert: drop the TCP connection. */
    void onFailure() {
        failed = true;
        try {
            transport.close();
        } catch (java.io.IOException ignored) {
            // closing after a failure: nothing more to report
        }
    }
}
