package org.streamtls.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Vector;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsKeyExchangeFactory;
import org.bouncycastle.tls.TlsECDHEKeyExchange;
import org.bouncycastle.tls.TlsKeyExchange;
import org.bouncycastle.tls.TlsKeyExchangeFactory;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.streamtls.certstore.ClientCertificateRequest;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.Purpose;
import org.streamtls.certstore.TrustDecision;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsNamedGroup;
import org.streamtls.tls.TlsVersion;

/**
 * The client side of one handshake, as BouncyCastle asks for it: what to offer (from the
 * {@link TlsClientConfig}), SNI, ALPN, the session to resume, the judgement of the server's chain,
 * and the client certificate.
 */
final class ClientPeer extends AbstractTlsClient {

    private static final System.Logger LOG = System.getLogger("org.streamtls.tls");

    private final TlsClientConfig config;
    private final SessionCache cache;
    private final String cacheKey;
    private final String expectedName;
    private final String sniName;
    private final Outcome outcome;
    private SessionCache.Entry resumeEntry;

    /**
     * @param expectedName the name the certificate must cover (host name or IP literal)
     * @param sniName the host name to send as SNI, or null (IP literal)
     */
    ClientPeer(TlsCrypto crypto, TlsClientConfig config, SessionCache cache, String cacheKey,
               String expectedName, String sniName, Outcome outcome) {
        super(crypto);
        this.config = config;
        this.cache = cache;
        this.cacheKey = cacheKey;
        this.expectedName = expectedName;
        this.sniName = sniName;
        this.outcome = outcome;
        outcome.serverName = sniName;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return Codes.versions(config.versions());
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return Codes.cipherSuites(config.cipherSuites(), getCrypto());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        Vector groups = new Vector();
        boolean tls13 = config.versions().contains(TlsVersion.TLS_1_3);
        for (int g : Codes.namedGroups(config.namedGroups(), getCrypto())) {
            TlsNamedGroup group = Codes.namedGroup(g);
            if (tls13 || group == null || !group.isHybrid()) {
                groups.add(g);
            }
        }
        return groups;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Vector getEarlyKeyShareGroups() {
        // One share for the first hybrid group (if TLS 1.3 may use it) and one for the first classical group.
        Vector shares = new Vector();
        Integer hybrid = null;
        Integer classical = null;
        for (Object o : supportedGroups == null ? new Vector<>() : supportedGroups) {
            int code = (Integer) o;
            TlsNamedGroup g = Codes.namedGroup(code);
            if (g != null && g.isHybrid()) {
                hybrid = hybrid == null ? code : hybrid;
            } else {
                classical = classical == null ? code : classical;
            }
        }
        if (hybrid != null) {
            shares.add(hybrid);
        }
        if (classical != null) {
            shares.add(classical);
        }
        return shares;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getSupportedSignatureAlgorithms() {
        return Codes.signatureAlgorithms(config.signatureSchemes(), getCrypto());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSNIServerNames() {
        if (sniName == null) {
            return null;
        }
        Vector names = new Vector();
        names.add(new ServerName(NameType.host_name, sniName.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getProtocolNames() {
        if (config.applicationProtocols().isEmpty()) {
            return null;
        }
        Vector names = new Vector();
        for (String p : config.applicationProtocols()) {
            names.add(ProtocolName.asUtf8Encoding(p));
        }
        return names;
    }

    @Override
    public TlsSession getSessionToResume() {
        if (!config.versions().contains(TlsVersion.TLS_1_2) || !cache.enabled()) {
            return null;
        }
        resumeEntry = cache.get(cacheKey);
        return resumeEntry == null ? null : resumeEntry.session();
    }

    @Override
    public TlsKeyExchangeFactory getKeyExchangeFactory() {
        // Learns the TLS 1.2 ECDHE group from the ServerKeyExchange (BouncyCastle does not report it).
        return new DefaultTlsKeyExchangeFactory() {
            @Override
            public TlsKeyExchange createECDHEKeyExchangeClient(int keyExchange) {
                return new TlsECDHEKeyExchange(keyExchange) {
                    @Override
                    public void processServerKeyExchange(InputStream input) throws IOException {
                        super.processServerKeyExchange(input);
                        outcome.tls12Group = ecConfig.getNamedGroup();
                    }
                };
            }
        };
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                judgeServer(Certificates.toX509(serverCertificate.getCertificate()));
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return clientCredentials(request);
            }
        };
    }

    private void judgeServer(List<X509Certificate> chain) throws IOException {
        if (chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "the server sent no certificate");
        }
        TrustDecision decision = config.trustVerifier().verify(chain, expectedName, Purpose.SERVER);
        outcome.peer(chain, decision.trusted(), decision.nameMatches());
        if (!config.serverCertificateAcceptable().acceptable(chain, decision)) {
            short alert = Refusals.alertFor(decision);
            outcome.fail(Refusals.refused("server", chain, decision, alert));
            throw new TlsFatalAlert(alert, "server certificate refused: " + decision.summary());
        }
    }

    private TlsCredentials clientCredentials(CertificateRequest request) throws IOException {
        Optional<org.streamtls.certstore.ClientCertificateSelector> selector = config.clientCertificateSelector();
        if (selector.isEmpty()) {
            return null;
        }
        @SuppressWarnings("rawtypes")
        Vector sigAlgs = request.getSupportedSignatureAlgorithms();
        Set<String> keyAlgorithms = Signers.keyFamilies(sigAlgs);
        List<X500Principal> issuers = new ArrayList<>();
        if (request.getCertificateAuthorities() != null) {
            for (Object o : request.getCertificateAuthorities()) {
                issuers.add(new X500Principal(((X500Name) o).getEncoded()));
            }
        }
        Optional<Identity> identity = selector.get().select(new ClientCertificateRequest(sniName, issuers, keyAlgorithms));
        if (identity.isEmpty()) {
            LOG.log(Level.DEBUG, "server asked for a client certificate; the selector chose none");
            return null;
        }
        boolean tls13 = TlsUtils.isTLSv13(context);
        if (!Signers.canSign(identity.get().privateKey(), tls13, config.signatureSchemes(), sigAlgs)) {
            LOG.log(Level.DEBUG, "client certificate {0} cannot sign with a scheme the server accepts: sending none",
                    identity.get());
            return null;
        }
        return Signers.create(context, identity.get(), config.signatureSchemes(), sigAlgs,
                request.getCertificateRequestContext());
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        var params = context.getSecurityParametersConnection();
        boolean resumed = params.isResumedSession();
        outcome.resumed = resumed;
        if (resumed && resumeEntry != null) {
            outcome.peer(resumeEntry.peerChain(), resumeEntry.peerTrusted(), resumeEntry.peerNameMatches());
        }
        TlsSession session = context.getSession();
        if (!resumed && session != null && session.isResumable() && !TlsUtils.isTLSv13(context)
                && outcome.failure == null) {
            cache.put(cacheKey, session, outcome.peerChain, outcome.peerTrusted, outcome.peerNameMatches, sniName);
        }
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertDescription != AlertDescription.close_notify) {
            LOG.log(Level.DEBUG, "client sent alert {0}: {1}", AlertDescription.getText(alertDescription), message);
        }
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription != AlertDescription.close_notify) {
            LOG.log(Level.DEBUG, "client received alert {0}", AlertDescription.getText(alertDescription));
        }
        if (alertLevel == org.bouncycastle.tls.AlertLevel.fatal && resumeEntry != null) {
            cache.remove(cacheKey);
        }
    }
}
