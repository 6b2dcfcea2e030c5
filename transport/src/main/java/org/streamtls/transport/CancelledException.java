package org.streamtls.transport;

import java.io.InterruptedIOException;

/**
 * An operation was ended by a {@link ShutdownSignal}. The connection (or listener) is closed.
 * The message names the operation: "receive cancelled: shutdown signalled".
 */
public class CancelledException extends InterruptedIOException {

    /** @param operation what was cancelled, such as "receive on connection to 127.0.0.1:443" */
    public CancelledException(String operation) {
        super(operation + " cancelled: shutdown signalled");
    }
}
