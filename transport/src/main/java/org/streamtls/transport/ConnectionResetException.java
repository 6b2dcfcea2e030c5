package org.streamtls.transport;

import java.net.SocketException;

/**
 * The peer reset the connection (TCP RST, or writing to a peer that has gone): the bytes of a
 * message in flight are lost. The message names the peer and the operation.
 */
public final class ConnectionResetException extends SocketException {

    /**
     * @param message names the peer and the operation
     * @param cause the socket error
     */
    public ConnectionResetException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
