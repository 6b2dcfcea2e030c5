package org.streamtls.bench;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.streamtls.tls.CryptoBackend;

/**
 * A BouncyCastle client and server connected in memory (non-blocking mode), both on one crypto
 * backend, for one {@link Suite}, optionally with a smaller maximum record size (RFC 6066
 * max_fragment_length). Benchmarks drive either the whole pair or the record ciphers it negotiated.
 * The handshake benchmark brings its own peers instead (see {@link #InMemoryConnection(TlsClient,
 * TlsServer)}). Not thread-safe.
 */
final class InMemoryConnection {

    final TlsClientProtocol client = new TlsClientProtocol();
    final TlsServerProtocol server = new TlsServerProtocol();
    /** The client's application-data cipher (encrypts what the client sends). */
    final TlsCipher clientCipher;
    /** The server's application-data cipher (decrypts what the client sends). */
    final TlsCipher serverCipher;
    private static final int HEADER = 5;

    private byte[] transfer = new byte[1 << 15];

    /**
     * @param maxFragmentLength 0 for the default 2^14, else a {@code MaxFragmentLength} code (1-4)
     */
    InMemoryConnection(CryptoBackend backend, Suite suite, short maxFragmentLength) throws IOException {
        CipherCapture clientCrypto = new CipherCapture(backend.newTlsCrypto());
        CipherCapture serverCrypto = new CipherCapture(backend.newTlsCrypto());
        server.accept(new Server(serverCrypto, suite));
        client.connect(new Client(clientCrypto.proxy(), suite, maxFragmentLength));
        completeHandshake();
        this.clientCipher = clientCrypto.last();
        this.serverCipher = serverCrypto.last();
    }

    /**
     * A pair of the given peers (which decide versions, suites, credentials, certificate
     * verification and session resumption themselves), handshaken in memory. Captures no record
     * cipher: {@link #clientCipher} and {@link #serverCipher} are null.
     */
    InMemoryConnection(TlsClient clientPeer, TlsServer serverPeer) throws IOException {
        server.accept(serverPeer);
        client.connect(clientPeer);
        completeHandshake();
        this.clientCipher = null;
        this.serverCipher = null;
    }

    private void completeHandshake() throws IOException {
        for (int round = 0; round < 20 && (client.isHandshaking() || server.isHandshaking()); round++) {
            pump();
        }
        if (client.isHandshaking() || server.isHandshaking()) {
            throw new IllegalStateException("the in-memory handshake did not complete");
        }
        pump();
    }

    /** Moves every pending byte both ways until neither side has output. */
    void pump() throws IOException {
        boolean moved = true;
        while (moved) {
            moved = move(client, server) | move(server, client);
        }
    }

    private boolean move(org.bouncycastle.tls.TlsProtocol from, org.bouncycastle.tls.TlsProtocol to)
            throws IOException {
        int n = from.getAvailableOutputBytes();
        if (n == 0) {
            return false;
        }
        if (transfer.length < n) {
            transfer = new byte[Math.max(n, 2 * transfer.length)];
        }
        from.readOutput(transfer, 0, n);
        // One whole record per offerInput: BouncyCastle then decrypts it where it lies instead of
        // queueing a copy (what a transport that reads record by record can do too).
        int pos = 0;
        while (n - pos >= HEADER) {
            int recordLength = HEADER + (((transfer[pos + 3] & 0xFF) << 8) | (transfer[pos + 4] & 0xFF));
            if (recordLength > n - pos) {
                break;
            }
            to.offerInput(transfer, pos, recordLength);
            pos += recordLength;
        }
        if (pos < n) {
            to.offerInput(transfer, pos, n - pos);
        }
        return true;
    }

    private static final class Client extends DefaultTlsClient {
        private final Suite suite;
        private final short maxFragmentLength;

        Client(TlsCrypto crypto, Suite suite, short maxFragmentLength) {
            super(crypto);
            this.suite = suite;
            this.maxFragmentLength = maxFragmentLength;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return suite.version.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {suite.cipherSuite};
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = super.getClientExtensions();
            if (maxFragmentLength != 0) {
                TlsExtensionsUtils.addMaxFragmentLengthExtension(extensions, maxFragmentLength);
            }
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            // Benchmarks measure records, not certificate validation: accept the in-process server.
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate certificate) {
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return null;
                }
            };
        }
    }

    private static final class Server extends DefaultTlsServer {
        private final Suite suite;
        private final TlsCrypto signingCrypto;

        Server(CipherCapture crypto, Suite suite) {
            super(crypto.proxy());
            this.suite = suite;
            this.signingCrypto = crypto.target;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return suite.version.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {suite.cipherSuite};
        }

        @Override
        public TlsCredentials getCredentials() throws IOException {
            return BenchIdentity.get().signer(context, signingCrypto);
        }
    }
}
