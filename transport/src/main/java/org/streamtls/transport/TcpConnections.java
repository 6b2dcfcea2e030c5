package org.streamtls.transport;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import org.streamtls.transport.internal.SocketConnection;
import org.streamtls.transport.internal.TcpConnector;

/**
 * Plain TCP {@link Connection}s: connect to a host, or wrap a socket that is already connected
 * (StreamSSL's {@code CActiveSock}).
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class TcpConnections {

    private TcpConnections() {
    }

    /**
     * Connects to {@code host} (a name or an address literal) on {@code port}. The name is
     * resolved, then every address it resolves to — IPv6 and IPv4, in the resolver's order — is
     * tried in turn until one accepts, all within the options' connect timeout: each address gets
     * an equal share of the time left. The connection gets the options' timeouts, buffer and
     * shutdown signal.
     *
     * <p>Name resolution uses the system resolver, which the connect timeout and the shutdown
     * signal cannot interrupt; the time it takes counts against the connect timeout.
     *
     * @throws java.net.UnknownHostException if the name does not resolve; the message names host
     *         and port
     * @throws ConnectFailedException if no address accepted in time; the message names host, port
     *         and the cause for each address
     * @throws CancelledException if the options' shutdown signal fired before or during the connect
     * @throws IllegalArgumentException if the host is blank or the port is outside 1..65535
     */
    public static Connection connect(String host, int port, ConnectionOptions options) throws IOException {
        return TcpConnector.connect(host, port, Objects.requireNonNull(options, "options"));
    }

    /**
     * Wraps a connected socket (accepted by your own server socket, say) as a connection with the
     * given options. The connection takes ownership: closing it closes the socket, and so does a
     * failure here.
     *
     * @throws CancelledException if the options' shutdown signal has already fired
     * @throws IOException if the socket is not connected or already closed
     */
    public static Connection wrap(Socket socket, ConnectionOptions options) throws IOException {
        return SocketConnection.open(socket, options);
    }
}
