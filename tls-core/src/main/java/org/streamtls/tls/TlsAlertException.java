package org.streamtls.tls;

/**
 * The connection ended with a fatal alert: the peer sent one (it refused something of ours, or
 * failed), or we sent one because the peer broke the protocol (a malformed or oversized record,
 * an unexpected message, a bad MAC). {@link #alert()} tells which alert and who sent it.
 */
public class TlsAlertException extends TlsException {

    public TlsAlertException(String message, TlsAlert alert, Throwable cause) {
        super(message, alert, cause);
    }
}
