package org.streamtls.bench.compare;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.tls.CryptoBackend;
import org.streamtls.tls.TlsClient;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsNamedGroup;
import org.streamtls.tls.TlsServer;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.TcpConnections;

/**
 * StreamTLS with one {@link CryptoBackend}, through its public API only: the server wraps each
 * accepted socket with {@link TcpConnections#wrap} and runs {@link TlsServer#accept} (what its own
 * Listener does), the client calls {@link TlsClient#connect} to 127.0.0.1 and verifies the chain
 * and the IP address with certstore's PKIX verifier, like the JSSE client. The client keeps no
 * TLS 1.2 sessions, so every handshake is a full one with an X25519 key exchange (checked).
 */
final class StreamTlsContender implements Contender {

    /**
     * Long receive timeout: idle connections must outlive the memory measurement; nothing in the
     * comparison waits that long unless something is broken.
     */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder()
            .receiveTimeout(Duration.ofMinutes(10))
            .sendTimeout(Duration.ofMinutes(1))
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Clients: nothing a client waits for takes two minutes unless something is broken. */
    private static final ConnectionOptions CLIENT_OPTIONS = OPTIONS.toBuilder()
            .receiveTimeout(Duration.ofSeconds(Contender.CLIENT_TIMEOUT_SECONDS)).build();

    private final String name;
    private final CryptoBackend backend;
    private final Pki pki;
    private final Map<Scenario, TlsServerConfig> serverConfigs = new HashMap<>();
    private final Map<Scenario, TlsClientConfig> clientConfigs = new HashMap<>();
    private final AtomicLong selections = new AtomicLong();

    StreamTlsContender(CryptoBackend backend, Pki pki) {
        this.name = "StreamTLS " + backend.name();
        this.backend = backend;
        this.pki = pki;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isTls() {
        return true;
    }

    @Override
    public synchronized ServerLoop listen(Scenario scenario, ThreadKind threads, ServerLoop.Work work)
            throws IOException {
        TlsServerConfig config = serverConfigs.computeIfAbsent(scenario, s -> TlsServerConfig.builder()
                .versions(Set.of(s.version()))
                .cipherSuites(List.of(s.suite()))
                .namedGroups(List.of(TlsNamedGroup.X25519))
                .certificateSelector(request -> {
                    selections.incrementAndGet();
                    return Optional.of(pki.server(s.keyType()));
                })
                .cryptoBackend(backend)
                .build());
        ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        return new ServerLoop(server, threads,
                socket -> new ConnectionEndpoint(TlsServer.accept(TcpConnections.wrap(socket, OPTIONS), config)),
                work);
    }

    @Override
    public Endpoint connect(int port, Scenario scenario) throws IOException {
        TlsClientConfig config;
        synchronized (this) {
            config = clientConfigs.computeIfAbsent(scenario, s -> TlsClientConfig.builder()
                    .versions(Set.of(s.version()))
                    .cipherSuites(List.of(s.suite()))
                    .namedGroups(List.of(TlsNamedGroup.X25519))
                    .trustVerifier(PkixTrustVerifier.builder()
                            .trustAnchors(TrustAnchors.of(List.of(pki.root(s.keyType())))).build())
                    .cryptoBackend(backend)
                    .connectionOptions(CLIENT_OPTIONS)
                    .sessionCacheSize(0) // every handshake full, as the JSSE client's
                    .build());
        }
        TlsConnection connection = TlsClient.connect("127.0.0.1", port, config);
        TlsNamedGroup group = connection.session().namedGroup().orElse(null);
        if (group != TlsNamedGroup.X25519) {
            connection.close();
            throw new IOException(name + " negotiated the group " + group + ", not X25519");
        }
        return new ConnectionEndpoint(connection);
    }

    @Override
    public long fullHandshakes() {
        return selections.get();
    }

    /** A StreamTLS connection as an endpoint. */
    private static final class ConnectionEndpoint implements Endpoint {
        private final TlsConnection connection;

        ConnectionEndpoint(TlsConnection connection) {
            this.connection = connection;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            connection.send(data, offset, length);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return connection.receive(buffer, offset, length);
        }

        @Override
        public String negotiated() {
            return connection.session().version().displayName() + " " + connection.session().cipherSuite().name();
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }
}
