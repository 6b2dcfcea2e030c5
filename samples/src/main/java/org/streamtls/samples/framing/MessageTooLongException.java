package org.streamtls.samples.framing;

import java.io.IOException;

/** A framed message announced a length above the receiver's limit; it was not read. */
public class MessageTooLongException extends IOException {

    private final long length;

    public MessageTooLongException(long length, int maxLength) {
        super("message of " + length + " bytes announced, more than the limit of " + maxLength + " bytes");
        this.length = length;
    }

    /** The announced length. */
    public long length() {
        return length;
    }
}
