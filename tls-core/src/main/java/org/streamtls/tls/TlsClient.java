package org.streamtls.tls;

import java.io.IOException;
import java.util.Objects;
import org.streamtls.tls.internal.Handshakes;
import org.streamtls.transport.Connection;
import org.streamtls.transport.TcpConnections;

/**
 * Opens TLS client connections (StreamSSL's {@code CSSLClient}): to a host and port, or over a
 * connection that already carries plaintext (STARTTLS).
 *
 * <p>The server must prove it is the named host: SNI carries the name (never an IP literal), and
 * the configuration's trust verifier and acceptance callback judge the chain. Anything refused
 * ends the handshake with the matching alert to the server and a {@link TlsException} here.
 *
 * <p>Thread-safe: static methods only; one configuration serves any number of threads.
 */
public final class TlsClient {

    private TlsClient() {
    }

    /**
     * Connects by TCP (with the configuration's {@link org.streamtls.transport.ConnectionOptions})
     * and runs the handshake. The name checked against the certificate, and sent as SNI, is
     * {@code host} unless the configuration sets a {@link TlsClientConfig#serverName()}.
     *
     * @throws TlsException the handshake failed (its subclasses say how); the socket is closed
     * @throws IOException the TCP connect failed or was cancelled
     */
    public static TlsConnection connect(String host, int port, TlsClientConfig config) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(config, "config");
        Connection tcp = TcpConnections.connect(host, port, config.connectionOptions());
        return Handshakes.client(tcp, config.serverName().orElse(host), config, config.sessionCache());
    }

    /**
     * Starts TLS as the client on a connection that has carried plaintext (SMTP's STARTTLS, WinRT's
     * {@code UpgradeToSslAsync}): bytes already buffered in it are read as TLS, none lost. The
     * connection becomes owned by the returned {@link TlsConnection}; on failure it is closed.
     *
     * @param serverName the host name (or IP literal) the server's certificate must cover; sent as
     *                   SNI unless it is an IP literal. The configuration's serverName, if set, is
     *                   not used here.
     * @throws TlsException the handshake failed (its subclasses say how)
     */
    public static TlsConnection startTls(Connection connection, String serverName, TlsClientConfig config)
            throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(config, "config");
        return Handshakes.client(connection, serverName, config, config.sessionCache());
    }
}
