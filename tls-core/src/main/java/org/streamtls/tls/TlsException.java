package org.streamtls.tls;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * A TLS connection failed; the connection is closed. The base of StreamTLS's TLS errors:
 *
 * <ul>
 *   <li>{@link TlsAlertException}: a fatal alert was received from the peer or sent to it;</li>
 *   <li>{@link HandshakeTimeoutException}: the handshake did not finish in time;</li>
 *   <li>{@link PeerCertificateRefusedException}: the peer's certificate was refused, with reasons;</li>
 *   <li>{@link NoCommonParametersException}: no common version, cipher suite, group or protocol;</li>
 *   <li>{@link TruncationException}: the peer closed TCP without close_notify.</li>
 * </ul>
 *
 * <p>Transport errors pass through unchanged: {@link org.streamtls.transport.ReceiveTimeoutException}
 * (after the handshake: retryable), {@link org.streamtls.transport.SendTimeoutException} and
 * {@link org.streamtls.transport.CancelledException}.
 */
public class TlsException extends SSLException {

    private final transient TlsAlert alert;

    public TlsException(String message, TlsAlert alert, Throwable cause) {
        super(message, cause);
        this.alert = alert;
    }

    /** The fatal alert sent or received when this failure ended the connection, if any. */
    public Optional<TlsAlert> alert() {
        return Optional.ofNullable(alert);
    }
}
