package org.streamtls.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.util.Integers;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;
import org.streamtls.certstore.Purpose;
import org.streamtls.certstore.TrustDecision;
import org.streamtls.certstore.TrustVerifier;
import org.streamtls.tls.CryptoBackend;

/**
 * BouncyCastle handshakes on one {@link CryptoBackend}: a new {@code TlsClientProtocol} and
 * {@code TlsServerProtocol} per handshake, connected in memory by {@link InMemoryConnection}, with
 * the work StreamTLS's own client and server do around BouncyCastle and nothing less:
 *
 * <ul>
 *   <li>the client offers exactly the benchmarked version and cipher suite, the groups X25519 and
 *       P-256 (key share X25519), the default signature schemes, and SNI;</li>
 *   <li>the client turns the server's certificates into JCA certificates and verifies them with
 *       certstore's PKIX {@link TrustVerifier} against the generated root, name included (a resumed
 *       handshake carries no certificate and verifies nothing, as in StreamTLS);</li>
 *   <li>the server presents the next certificate of its {@link HandshakePki} pool (so the client's
 *       JDK has not parsed and verified it before), makes its signing credentials per handshake from
 *       the JCA private key (ecdsa_secp256r1_sha256, or rsa_pss_rsae_sha256 for RSA, in both
 *       versions) and, for TLS 1.2, gives every session an ID and keeps it in a bounded cache;</li>
 *   <li>for {@link HandshakeKind#TLS12_RESUMED} the client offers the session of one full handshake
 *       made at setup.</li>
 * </ul>
 */
final class BcHandshakes implements HandshakeDriver {

    private static final int SERVER_CACHE_CAPACITY = 20_480;

    private final TlsCrypto crypto;
    private final HandshakeKind kind;
    private final HandshakePki pki;
    private final int cipherSuite;
    private final TrustVerifier verifier;
    private final byte[] sniName = HandshakePki.SERVER_NAME.getBytes(StandardCharsets.US_ASCII);
    private final Map<String, TlsSession> serverCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TlsSession> eldest) {
            return size() > SERVER_CACHE_CAPACITY;
        }
    };
    private TlsSession clientSession;
    private int nextServer;

    BcHandshakes(CryptoBackend backend, HandshakeKind kind, HandshakePki pki) throws IOException {
        this.crypto = backend.newTlsCrypto();
        this.kind = kind;
        this.pki = pki;
        this.cipherSuite = kind.cipherSuite(pki.keyType);
        this.verifier = pki.trustVerifier();
        if (kind.resumed) {
            Client first = run(false);
            clientSession = first.context().getSession();
            if (clientSession == null || !clientSession.isResumable()) {
                throw new IllegalStateException("the first TLS 1.2 handshake made no resumable session");
            }
        }
        handshake();
    }

    @Override
    public int handshake() throws IOException {
        Client client = run(kind.resumed);
        return client.context().getSecurityParametersConnection().getCipherSuite();
    }

    private Client run(boolean resume) throws IOException {
        Client client = new Client(resume ? clientSession : null);
        new InMemoryConnection(client, new Server());
        var parameters = client.context().getSecurityParametersConnection();
        if (!kind.version.equals(parameters.getNegotiatedVersion())) {
            throw new IllegalStateException("negotiated " + parameters.getNegotiatedVersion() + ", not " + kind.version);
        }
        if (parameters.isResumedSession() != resume || client.verified == resume) {
            throw new IllegalStateException((resume ? "expected a resumed handshake" : "expected a full handshake")
                    + ", got resumed=" + parameters.isResumedSession() + ", chain verified=" + client.verified);
        }
        return client;
    }

    private static Vector<Integer> groups() {
        Vector<Integer> groups = new Vector<>();
        groups.add(Integers.valueOf(NamedGroup.x25519));
        groups.add(Integers.valueOf(NamedGroup.secp256r1));
        return groups;
    }

    private final class Client extends DefaultTlsClient {
        private final TlsSession toResume;
        boolean verified;

        Client(TlsSession toResume) {
            super(crypto);
            this.toResume = toResume;
        }

        TlsClientContext context() {
            return context;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return kind.version.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {cipherSuite};
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected Vector getSupportedGroups(Vector namedGroupRoles) {
            return groups();
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected Vector getSNIServerNames() {
            Vector<ServerName> names = new Vector<>();
            names.add(new ServerName(NameType.host_name, sniName));
            return names;
        }

        @Override
        public TlsSession getSessionToResume() {
            return toResume;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    List<X509Certificate> chain = toX509(serverCertificate.getCertificate());
                    TrustDecision decision = verifier.verify(chain, HandshakePki.SERVER_NAME, Purpose.SERVER);
                    if (!decision.accepted()) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate, decision.summary());
                    }
                    verified = true;
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                    return null;
                }
            };
        }
    }

    /** As StreamTLS's client does: BouncyCastle's certificates re-read by the JDK's factory. */
    private static List<X509Certificate> toX509(Certificate certificate) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certificate.getLength(); i++) {
                byte[] der = certificate.getCertificateAt(i).getEncoded();
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "unparsable server certificate", e);
        }
        return chain;
    }

    private final class Server extends DefaultTlsServer {
        private final Identity identity;
        private TlsSession newSession;

        Server() {
            super(crypto);
            identity = pki.servers.get(nextServer);
            nextServer = (nextServer + 1) % pki.servers.size();
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return kind.version.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {cipherSuite};
        }

        @Override
        public int[] getSupportedGroups() {
            return new int[] {NamedGroup.x25519, NamedGroup.secp256r1};
        }

        @Override
        public TlsCredentials getCredentials() throws IOException {
            return signer();
        }

        private TlsCredentialedSigner signer() throws IOException {
            int scheme = pki.keyType == KeyType.EC_P256 ? SignatureScheme.ecdsa_secp256r1_sha256
                    : SignatureScheme.rsa_pss_rsae_sha256;
            Vector<?> offered = context.getSecurityParametersHandshake().getClientSigAlgs();
            SignatureAndHashAlgorithm algorithm = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
            if (offered != null && !offered.contains(algorithm)) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client does not offer "
                        + SignatureScheme.getName(scheme));
            }
            TlsCrypto signingCrypto = context.getCrypto();
            boolean tls13 = TlsUtils.isTLSv13(context);
            List<X509Certificate> chain = identity.chain();
            TlsCertificate[] certificates = new TlsCertificate[chain.size()];
            CertificateEntry[] entries = new CertificateEntry[chain.size()];
            for (int i = 0; i < certificates.length; i++) {
                try {
                    certificates[i] = signingCrypto.createCertificate(chain.get(i).getEncoded());
                } catch (CertificateEncodingException e) {
                    throw new TlsFatalAlert(AlertDescription.internal_error, "own certificate", e);
                }
                entries[i] = new CertificateEntry(certificates[i], null);
            }
            Certificate message = tls13 ? new Certificate(TlsUtils.EMPTY_BYTES, entries) : new Certificate(certificates);
            TlsCryptoParameters parameters = new TlsCryptoParameters(context);
            PrivateKey key = identity.privateKey();
            if (signingCrypto instanceof BcTlsCrypto) {
                return new BcDefaultTlsCredentialedSigner(parameters, (BcTlsCrypto) signingCrypto,
                        PrivateKeyFactory.createKey(key.getEncoded()), message, algorithm);
            }
            if (signingCrypto instanceof JcaTlsCrypto) {
                return new JcaDefaultTlsCredentialedSigner(parameters, (JcaTlsCrypto) signingCrypto, key, message,
                        algorithm);
            }
            throw new IllegalStateException("unsupported crypto " + signingCrypto.getClass().getName());
        }

        @Override
        public byte[] getNewSessionID() {
            if (kind.tls13()) {
                return null;
            }
            byte[] id = new byte[32];
            getCrypto().getSecureRandom().nextBytes(id);
            return id;
        }

        @Override
        public TlsSession getSessionToResume(byte[] sessionID) {
            return sessionID == null || sessionID.length == 0 ? null
                    : serverCache.get(HexFormat.of().formatHex(sessionID));
        }

        @Override
        public void notifySession(TlsSession session) {
            super.notifySession(session);
            this.newSession = session;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            TlsSession session = context.getSession();
            if (!context.getSecurityParametersConnection().isResumedSession() && newSession != null
                    && session != null && session.isResumable() && !kind.tls13()) {
                serverCache.put(HexFormat.of().formatHex(session.getSessionID()), session);
            }
        }
    }
}
