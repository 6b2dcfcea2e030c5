package org.streamtls.transport;

import java.io.InterruptedIOException;

/** An operation was ended by a {@link ShutdownSignal}. The connection is closed. */
public class CancelledException extends InterruptedIOException {

    public CancelledException(String operation) {
        super(operation + " cancelled: shutdown signalled");
    }
}
