package org.streamtls.tls;

/**
 * The peer closed the TCP connection without sending close_notify: the data may have been cut
 * short by an attacker or a crash, so this is never reported as a clean end of stream.
 */
public class TruncationException extends TlsException {

    public TruncationException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
