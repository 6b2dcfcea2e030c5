package org.streamtls.transport;

import java.net.ConnectException;

/**
 * A connect failed on every address the host name resolved to. The message names the host, the
 * port and the cause of each failed address; each per-address exception is attached as a
 * {@linkplain #getSuppressed() suppressed} exception.
 */
public class ConnectFailedException extends ConnectException {

    private final String host;
    private final int port;

    /**
     * @param host the host asked for
     * @param port the port asked for
     * @param message names host, port and the cause for each address
     */
    public ConnectFailedException(String host, int port, String message) {
        super(message);
        this.host = host;
        this.port = port;
    }

    /** The host name (or address literal) that was asked for. */
    public String host() {
        return host;
    }

    /** The port that was asked for. */
    public int port() {
        return port;
    }
}
