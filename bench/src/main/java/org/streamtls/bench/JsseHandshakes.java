package org.streamtls.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.PrivateKey;
import java.security.Principal;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's JSSE baseline for {@link HandshakeBenchmark}: a client and a server {@link SSLEngine}
 * connected in memory, with the same certificates, version, cipher suite and groups as
 * {@link BcHandshakes}, configured as a JSSE application would be:
 *
 * <ul>
 *   <li>a client {@link SSLContext} trusting the generated root through the JDK's PKIX
 *       {@code TrustManagerFactory}, with HTTPS endpoint identification of
 *       {@link HandshakePki#SERVER_NAME} (also sent as SNI); a server {@code SSLContext} whose key
 *       manager presents the next certificate of the {@link HandshakePki} pool at each handshake (as
 *       {@link BcHandshakes} does, so the client verifies a chain it has not seen). Each side keeps its
 *       JSSE defaults otherwise (session caches, TLS 1.3 NewSessionTicket, which the client reads as
 *       a real client would with its first read);</li>
 *   <li>full handshakes give every client engine a new peer port, so the client never finds a
 *       cached session to offer; {@link HandshakeKind#TLS12_RESUMED} always uses the same one, so
 *       the client offers the session of the previous handshake;</li>
 *   <li>the groups are set by {@code jdk.tls.namedGroups} (the benchmark's forks run with
 *       "x25519,secp256r1"; JSSE's own default order also starts with X25519) and TLS 1.2
 *       session tickets are turned off by {@code jdk.tls.client/server.enableSessionTicketExtension},
 *       so that resumption is by session ID, as in {@link BcHandshakes}.</li>
 * </ul>
 *
 * <p>Every handshake is checked: the protocol negotiated, and whether the trust manager verified a
 * chain (full) or not (resumed).
 */
final class JsseHandshakes implements HandshakeDriver {

    private static final int RESUMING_PORT = 443;
    private static final int BUFFER = 1 << 16;
    private static final int MAX_ROUNDS = 50;

    private final HandshakeKind kind;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final SSLContext clientContext;
    private final SSLContext serverContext;
    private final CountingTrustManager trustManager;
    private final ByteBuffer clientToServer = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer serverToClient = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer application = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer empty = ByteBuffer.allocate(0);
    private int nextPort = 1;

    JsseHandshakes(HandshakeKind kind, HandshakePki pki) throws IOException {
        this.kind = kind;
        this.protocols = new String[] {kind.jsseProtocol()};
        this.cipherSuites = new String[] {kind.jsseCipherSuite(pki.keyType)};
        try {
            serverContext = SSLContext.getInstance("TLS");
            serverContext.init(new KeyManager[] {new RotatingKeyManager(pki)}, null, null);

            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("root", pki.root.leaf());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            trustManager = new CountingTrustManager((X509ExtendedTrustManager) tmf.getTrustManagers()[0]);
            clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, new TrustManager[] {trustManager}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up JSSE for " + pki.keyType, e);
        }
        if (kind.resumed) {
            run(false); // the session to resume
        }
        handshake();
    }

    @Override
    public int handshake() throws IOException {
        return run(kind.resumed);
    }

    private int run(boolean resume) throws IOException {
        int port = RESUMING_PORT;
        if (!kind.resumed) {
            port = nextPort;
            nextPort = nextPort == 65_535 ? 1 : nextPort + 1;
        }
        SSLEngine client = clientContext.createSSLEngine(HandshakePki.SERVER_NAME, port);
        client.setUseClientMode(true);
        SSLParameters clientParameters = client.getSSLParameters();
        clientParameters.setProtocols(protocols);
        clientParameters.setCipherSuites(cipherSuites);
        clientParameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(clientParameters);

        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        SSLParameters serverParameters = server.getSSLParameters();
        serverParameters.setProtocols(protocols);
        serverParameters.setCipherSuites(cipherSuites);
        server.setSSLParameters(serverParameters);

        long verifiedBefore = trustManager.verified;
        clientToServer.clear();
        serverToClient.clear();
        client.beginHandshake();
        server.beginHandshake();
        int round = 0;
        while (!(done(client) && done(server) && clientToServer.position() == 0 && serverToClient.position() == 0)) {
            boolean moved = step(client, serverToClient, clientToServer) | step(server, clientToServer, serverToClient);
            if (!moved || ++round > MAX_ROUNDS) {
                throw new IllegalStateException("the JSSE handshake is stuck: client " + client.getHandshakeStatus()
                        + ", server " + server.getHandshakeStatus());
            }
        }
        String protocol = client.getSession().getProtocol();
        if (!protocols[0].equals(protocol)) {
            throw new IllegalStateException("negotiated " + protocol + ", not " + protocols[0]);
        }
        long verified = trustManager.verified - verifiedBefore;
        if (verified != (resume ? 0 : 1)) {
            throw new IllegalStateException((resume ? "expected a resumed handshake" : "expected a full handshake")
                    + ", but the client verified " + verified + " chains");
        }
        return client.getSession().getCipherSuite().length();
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /**
     * Lets one engine do all it can: run its tasks, write its records to {@code out}, read what
     * {@code in} holds (also after the handshake: TLS 1.3 NewSessionTicket). Buffers are kept in
     * write mode.
     *
     * @return whether the engine consumed or produced anything
     */
    private boolean step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws IOException {
        boolean moved = false;
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                moved = true;
            } else if (status == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult result = engine.wrap(empty, out);
                check(engine, result);
                moved = true;
            } else if (in.position() > 0) {
                in.flip();
                application.clear();
                SSLEngineResult result = engine.unwrap(in, application);
                in.compact();
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    return moved;
                }
                check(engine, result);
                if (result.bytesConsumed() == 0) {
                    return moved;
                }
                moved = true;
            } else {
                return moved;
            }
        }
    }

    private static void check(SSLEngine engine, SSLEngineResult result) {
        if (result.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException((engine.getUseClientMode() ? "client " : "server ") + result);
        }
    }

    /** The JDK's PKIX trust manager, counting the server chains it verified. */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        long verified;

        CountingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            verified++;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            verified++;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            verified++;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** Presents the server key with the pool's certificates in turn, one per handshake. */
    private static final class RotatingKeyManager extends X509ExtendedKeyManager {
        private final String keyAlgorithm;
        private final PrivateKey key;
        private final X509Certificate[][] chains;
        private int next;

        RotatingKeyManager(HandshakePki pki) {
            this.keyAlgorithm = pki.keyType.algorithm();
            this.key = pki.servers.get(0).privateKey();
            this.chains = pki.servers.stream().map(s -> s.chain().toArray(new X509Certificate[0]))
                    .toArray(X509Certificate[][]::new);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            if (!keyAlgorithm.equals(keyType)) {
                return null;
            }
            String alias = Integer.toString(next);
            next = (next + 1) % chains.length;
            return alias;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keyAlgorithm.equals(keyType) ? new String[] {Integer.toString(next)} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chains[Integer.parseInt(alias)].clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
