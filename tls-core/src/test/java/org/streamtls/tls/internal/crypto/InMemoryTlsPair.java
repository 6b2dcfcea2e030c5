package org.streamtls.tls.internal.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Vector;
import java.util.function.UnaryOperator;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientContext;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerContext;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * A BouncyCastle client and server talking to each other in memory (non-blocking mode: offerInput
 * and readOutput), each with its own crypto, restricted to one protocol version, one cipher suite
 * and, optionally, a list of named groups. Minimal on purpose: this harness tests crypto backends,
 * not certificate validation (the client records the server's certificate and accepts it).
 */
final class InMemoryTlsPair {

    final TestClient clientPeer;
    final TestServer serverPeer;
    final ExposedClientProtocol client = new ExposedClientProtocol();
    final TlsServerProtocol server = new TlsServerProtocol();
    /** Applied to every chunk the client sends, e.g. to tamper with a record. */
    UnaryOperator<byte[]> clientToServerFilter = UnaryOperator.identity();
    /** Every chunk the client sent, as it left the client. */
    final ByteArrayOutputStream clientWire = new ByteArrayOutputStream();

    private InMemoryTlsPair(TestClient clientPeer, TestServer serverPeer) {
        this.clientPeer = clientPeer;
        this.serverPeer = serverPeer;
    }

    /** Runs a full handshake and returns the connected pair. */
    static InMemoryTlsPair connect(TlsCrypto clientCrypto, TlsCrypto serverCrypto, ProtocolVersion version,
            int cipherSuite, TestIdentity identity, int[] groups) throws IOException {
        InMemoryTlsPair pair = new InMemoryTlsPair(new TestClient(clientCrypto, version, cipherSuite, groups),
                new TestServer(serverCrypto, version, cipherSuite, identity, groups));
        pair.server.accept(pair.serverPeer);
        pair.client.connect(pair.clientPeer);
        for (int round = 0; round < 20 && (pair.client.isHandshaking() || pair.server.isHandshaking()); round++) {
            pair.pump();
        }
        if (pair.client.isHandshaking() || pair.server.isHandshaking()) {
            throw new IllegalStateException("handshake did not complete in 20 rounds");
        }
        pair.pump();
        return pair;
    }

    /** Moves every pending byte both ways until neither side has output. */
    void pump() throws IOException {
        boolean moved = true;
        while (moved) {
            moved = false;
            int n = client.getAvailableOutputBytes();
            if (n > 0) {
                byte[] chunk = new byte[n];
                client.readOutput(chunk, 0, n);
                clientWire.write(chunk, 0, n);
                server.offerInput(clientToServerFilter.apply(chunk));
                moved = true;
            }
            n = server.getAvailableOutputBytes();
            if (n > 0) {
                byte[] chunk = new byte[n];
                server.readOutput(chunk, 0, n);
                client.offerInput(chunk);
                moved = true;
            }
        }
    }

    /** Sends {@code message} from the client and returns what the server application received. */
    byte[] clientToServer(byte[] message) throws IOException {
        clientWire.reset();
        client.writeApplicationData(message, 0, message.length);
        pump();
        return drain(server);
    }

    /** Sends {@code message} from the server and returns what the client application received. */
    byte[] serverToClient(byte[] message) throws IOException {
        server.writeApplicationData(message, 0, message.length);
        pump();
        return drain(client);
    }

    private static byte[] drain(TlsProtocol protocol) {
        byte[] received = new byte[protocol.getAvailableInputBytes()];
        protocol.readInput(received, 0, received.length);
        return received;
    }

    /** Exposes the protected TLS 1.3 KeyUpdate of BouncyCastle's client. */
    static final class ExposedClientProtocol extends TlsClientProtocol {
        void keyUpdate(boolean requestPeerUpdate) throws IOException {
            send13KeyUpdate(requestPeerUpdate);
        }
    }

    /** A client for one version and one suite that records the server certificate it was shown. */
    static final class TestClient extends DefaultTlsClient {
        private final ProtocolVersion version;
        private final int cipherSuite;
        private final int[] groups;
        volatile org.bouncycastle.tls.Certificate serverCertificate;

        TestClient(TlsCrypto crypto, ProtocolVersion version, int cipherSuite, int[] groups) {
            super(crypto);
            this.version = version;
            this.cipherSuite = cipherSuite;
            this.groups = groups;
        }

        TlsClientContext context() {
            return context;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return version.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {cipherSuite};
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        protected Vector getSupportedGroups(Vector namedGroupRoles) {
            if (groups == null) {
                return super.getSupportedGroups(namedGroupRoles);
            }
            Vector result = new Vector();
            for (int group : groups) {
                result.add(group);
            }
            return result;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate certificate) {
                    serverCertificate = certificate.getCertificate();
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return null;
                }
            };
        }
    }

    /** A server for one version and one suite, signing with a {@link TestIdentity}. */
    static final class TestServer extends DefaultTlsServer {
        private final ProtocolVersion version;
        private final int cipherSuite;
        private final TestIdentity identity;
        private final int[] groups;

        TestServer(TlsCrypto crypto, ProtocolVersion version, int cipherSuite, TestIdentity identity,
                int[] groups) {
            super(crypto);
            this.version = version;
            this.cipherSuite = cipherSuite;
            this.identity = identity;
            this.groups = groups;
        }

        TlsServerContext context() {
            return context;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return version.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {cipherSuite};
        }

        @Override
        public int[] getSupportedGroups() throws IOException {
            return groups != null ? groups.clone() : super.getSupportedGroups();
        }

        @Override
        public TlsCredentials getCredentials() throws IOException {
            return identity.signer(context, getCrypto());
        }
    }
}
