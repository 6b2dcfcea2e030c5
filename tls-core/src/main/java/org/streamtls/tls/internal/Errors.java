package org.streamtls.tls.internal;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.streamtls.tls.HandshakeTimeoutException;
import org.streamtls.tls.NoCommonParametersException;
import org.streamtls.tls.TlsAlert;
import org.streamtls.tls.TlsAlertException;
import org.streamtls.tls.TlsException;
import org.streamtls.tls.TruncationException;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.ReceiveTimeoutException;

/**
 * Turns what BouncyCastle and the transport throw into StreamTLS's error hierarchy, preferring the
 * precise failure a callback recorded (a refused certificate, no common suite) over the bare alert.
 * Transport errors (timeouts, cancellation, reset) pass through unchanged.
 */
final class Errors {

    private Errors() {
    }

    /**
     * @param handshake true while the handshake runs: a receive timeout is then the handshake timeout
     * @param peer "server 127.0.0.1:4433" or "client 127.0.0.1:53412", for messages
     */
    static IOException translate(IOException e, Outcome outcome, boolean handshake, Duration handshakeTimeout,
                                 String peer) {
        if (e instanceof TlsException || e instanceof CancelledException) {
            return e;
        }
        // BouncyCastle wraps a failed socket write in internal_error; the transport's error is the news.
        if (e instanceof TlsFatalAlert alert && alert.getAlertDescription() == AlertDescription.internal_error
                && alert.getCause() instanceof IOException cause
                && !(cause instanceof org.bouncycastle.tls.TlsException)) {
            return translate(cause, outcome, handshake, handshakeTimeout, peer);
        }
        TlsException recorded = outcome.failure;
        if (recorded != null) {
            if (recorded != e) {
                recorded.addSuppressed(e);
            }
            return recorded;
        }
        if (handshake && e instanceof ReceiveTimeoutException) {
            return new HandshakeTimeoutException("TLS handshake with " + peer + " did not complete within "
                    + text(handshakeTimeout), handshakeTimeout, e);
        }
        if (e instanceof TlsFatalAlertReceived received) {
            short d = received.getAlertDescription();
            TlsAlert alert = new TlsAlert(d, true);
            String what = (handshake ? "TLS handshake with " : "TLS connection with ") + peer
                    + " failed: the peer sent fatal alert " + alert.name();
            if (d == AlertDescription.protocol_version) {
                return new NoCommonParametersException(what + " (no common TLS version)",
                        NoCommonParametersException.Parameter.VERSION, alert, e);
            }
            if (d == AlertDescription.no_application_protocol) {
                return new NoCommonParametersException(what + " (no common ALPN protocol)",
                        NoCommonParametersException.Parameter.APPLICATION_PROTOCOL, alert, e);
            }
            return new TlsAlertException(what, alert, e);
        }
        if (e instanceof TlsFatalAlert raised) {
            short d = raised.getAlertDescription();
            TlsAlert alert = new TlsAlert(d, false);
            String detail = raised.getMessage() == null || raised.getMessage().equals(AlertDescription.getText(d))
                    ? "" : ": " + raised.getMessage();
            String what = (handshake ? "TLS handshake with " : "TLS connection with ") + peer
                    + " failed: sent fatal alert " + alert.name() + detail;
            if (d == AlertDescription.protocol_version) {
                return new NoCommonParametersException(what + " (no common TLS version)",
                        NoCommonParametersException.Parameter.VERSION, alert, e);
            }
            return new TlsAlertException(what, alert, e);
        }
        if (e instanceof TlsNoCloseNotifyException) {
            return new TruncationException(peer + " closed the TCP connection without TLS close_notify:"
                    + " the data may be truncated", e);
        }
        if (e instanceof EOFException) {
            return new TruncationException(peer + " closed the TCP connection in the middle of a TLS record", e);
        }
        return e;
    }

    private static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
