package org.streamtls.transport;

import java.io.InterruptedIOException;

/**
 * An operation was ended by a {@link ShutdownSignal}. The connection (or listener) is closed.
 * The message names the operation: "receive cancelled: shutdown signalled".
 */
public class CancelledException extends InterruptedIOException {

    public CancelledException(String operation) {
        super(operation + " cancelled: shutdown signalled");
    }
}
