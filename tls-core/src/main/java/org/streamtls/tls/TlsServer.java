package org.streamtls.tls;

import java.io.IOException;
import java.util.Objects;
import org.streamtls.tls.internal.Handshakes;
import org.streamtls.transport.Connection;

/**
 * Runs the TLS server handshake on an accepted connection (StreamSSL's {@code CSSLServer}): call
 * it from a {@link org.streamtls.transport.Listener}'s handler, on the handler's own thread, or on
 * a plaintext connection after the client asked for STARTTLS (bytes already buffered are kept).
 *
 * <p>The certificate is chosen per handshake by the configuration's selector from the SNI name and
 * the key types the client accepts; a client certificate is requested, verified and judged as the
 * configuration says. A client that stalls is dropped at the handshake timeout, freeing the
 * handler's thread.
 *
 * <p><b>Memory.</b> After the handshake a connection keeps only what records need: the handshake's
 * leftovers (the ClientHello's extensions and key shares) are dropped, and the server's chain is
 * shared by every connection that presents it; while no record is arriving, the record reader and
 * the transport keep only small arrays (the transport's full receive buffer is borrowed from a
 * shared pool only while bytes wait in it). Measured on JDK 25 with a virtual thread per
 * connection, an idle TLS 1.3 connection holds about 9.5 KiB in all, its thread's stack included.
 *
 * <p>Thread-safe: a static method; one configuration serves every connection.
 */
public final class TlsServer {

    private TlsServer() {
    }

    /**
     * Runs the server handshake. The connection becomes owned by the returned
     * {@link TlsConnection}; on failure it is closed.
     *
     * @throws TlsException the handshake failed (its subclasses say how)
     * @throws IOException the transport failed or was cancelled
     */
    public static TlsConnection accept(Connection connection, TlsServerConfig config) throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(config, "config");
        return Handshakes.server(connection, config, config.sessionCache(), config.certificateAuthorities());
    }
}
