package org.streamtls.tls;

/**
 * Whether a server asks the client for a certificate.
 *
 * <p>Default: {@link #NONE}.
 */
public enum ClientAuth {
    /** The server does not ask for a client certificate. */
    NONE,
    /**
     * The server asks; a client that sends none is accepted, but a certificate that is sent must
     * pass the trust verifier and the acceptance callback.
     */
    WANT,
    /** The server requires a client certificate that passes verification; the handshake fails without one. */
    NEED
}
