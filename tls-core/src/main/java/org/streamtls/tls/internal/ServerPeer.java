package org.streamtls.tls.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.Purpose;
import org.streamtls.certstore.ServerCertificateRequest;
import org.streamtls.certstore.TrustDecision;
import org.streamtls.tls.ClientAuth;
import org.streamtls.tls.NoCommonParametersException;
import org.streamtls.tls.TlsAlert;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.tls.TlsVersion;

/**
 * The server side of one handshake, as BouncyCastle asks for it: versions, suites and groups in the
 * server's order, the certificate chosen by SNI and the client's key types (TLS 1.2 suites are
 * chosen to fit the key), the client certificate request and judgement, and the session cache.
 */
final class ServerPeer extends AbstractTlsServer {

    private static final System.Logger LOG = System.getLogger("org.streamtls.tls");

    private final TlsServerConfig config;
    private final SessionCache cache;
    private final Outcome outcome;
    private Identity identity;
    private boolean identityChosen;
    private TlsSession newSession;

    ServerPeer(TlsCrypto crypto, TlsServerConfig config, SessionCache cache, Outcome outcome) {
        super(crypto);
        this.config = config;
        this.cache = cache;
        this.outcome = outcome;
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
    public int[] getSupportedGroups() {
        return Codes.namedGroups(config.namedGroups(), getCrypto());
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    public boolean preferLocalSupportedGroups() {
        return true;
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
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(java.util.Hashtable clientExtensions) throws IOException {
        try {
            super.processClientExtensions(clientExtensions);
        } catch (TlsFatalAlert e) {
            if (e.getAlertDescription() == AlertDescription.no_application_protocol) {
                outcome.fail(new NoCommonParametersException("no common ALPN protocol: the client offered "
                        + alpnText(clientProtocolNames) + ", this server accepts " + config.applicationProtocols(),
                        NoCommonParametersException.Parameter.APPLICATION_PROTOCOL,
                        new TlsAlert(AlertDescription.no_application_protocol, false), null));
            }
            throw e;
        }
        Vector<?> names = clientExtensions == null ? null : TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
        if (names != null) {
            for (Object o : names) {
                ServerName name = (ServerName) o;
                if (name.getNameType() == NameType.host_name) {
                    String host = new String(name.getNameData(), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                    outcome.serverName = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
                }
            }
        }
    }

    private static String alpnText(Vector<?> names) {
        if (names == null) {
            return "[]";
        }
        return names.stream().map(n -> ((ProtocolName) n).getUtf8Decoding()).toList().toString();
    }

    @Override
    public ProtocolVersion getServerVersion() throws IOException {
        try {
            return super.getServerVersion();
        } catch (TlsFatalAlert e) {
            ProtocolVersion[] offered = context.getClientSupportedVersions();
            outcome.fail(new NoCommonParametersException("no common TLS version: the client offered "
                    + Arrays.toString(offered) + ", this server accepts " + config.versions(),
                    NoCommonParametersException.Parameter.VERSION, new TlsAlert(e.getAlertDescription(), false), e));
            throw e;
        }
    }

    /** The identity for this handshake, chosen once from the SNI name and the client's key types. */
    private Identity identity() {
        if (!identityChosen) {
            identityChosen = true;
            Vector<?> sigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
            ServerCertificateRequest request = new ServerCertificateRequest(outcome.serverName,
                    Signers.keyFamilies(sigAlgs));
            Optional<Identity> chosen = config.certificateSelector().select(request);
            identity = chosen.orElse(null);
            if (identity == null) {
                LOG.log(Level.WARNING, "no server certificate for {0}", request);
            }
        }
        return identity;
    }

    @Override
    protected boolean selectCipherSuite(int cipherSuite) throws IOException {
        // TLS 1.2: the suite names the server key type; pick only suites our certificate can serve.
        org.streamtls.tls.TlsCipherSuite suite = Codes.cipherSuite(cipherSuite);
        if (suite != null && suite.serverKeyAlgorithm() != null) {
            Identity id = identity();
            if (id == null || !fits(suite.serverKeyAlgorithm(), Signers.keyFamily(id.privateKey()))) {
                return false;
            }
        }
        return super.selectCipherSuite(cipherSuite);
    }

    /** TLS 1.2 ECDHE groups both sides accept, in the server's order (BouncyCastle would take the client's). */
    private int[] commonEcdhGroups() {
        int[] client = context.getSecurityParametersHandshake().getClientSupportedGroups();
        return Arrays.stream(getSupportedGroups())
                .filter(NamedGroup::refersToAnECDHCurve)
                .filter(g -> client == null || Arrays.stream(client).anyMatch(c -> c == g))
                .toArray();
    }

    @Override
    protected int getMaximumNegotiableCurveBits() {
        return Arrays.stream(commonEcdhGroups()).map(NamedGroup::getCurveBits).max().orElse(0);
    }

    @Override
    protected int selectECDH(int minimumCurveBits) {
        return Arrays.stream(commonEcdhGroups()).filter(g -> NamedGroup.getCurveBits(g) >= minimumCurveBits)
                .findFirst().orElse(-1);
    }

    /** ECDHE_ECDSA suites also carry EdDSA keys (RFC 8422); ECDHE_RSA suites need RSA. */
    private static boolean fits(String suiteKeyAlgorithm, String keyFamily) {
        if ("EC".equals(suiteKeyAlgorithm)) {
            return "EC".equals(keyFamily) || "Ed25519".equals(keyFamily) || "Ed448".equals(keyFamily);
        }
        return suiteKeyAlgorithm.equals(keyFamily);
    }

    @Override
    public int getSelectedCipherSuite() throws IOException {
        try {
            return super.getSelectedCipherSuite();
        } catch (TlsFatalAlert e) {
            if (!TlsUtils.isTLSv13(context) && commonEcdhGroups().length == 0) {
                int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
                outcome.fail(new NoCommonParametersException("no common key-exchange group: the client offered "
                        + (offered == null ? "none" : Arrays.stream(offered).mapToObj(ServerPeer::groupName).toList())
                        + ", this server accepts " + Arrays.stream(getSupportedGroups())
                        .mapToObj(ServerPeer::groupName).toList(),
                        NoCommonParametersException.Parameter.NAMED_GROUP,
                        new TlsAlert(e.getAlertDescription(), false), e));
            } else if (identity() == null) {
                outcome.fail(new org.streamtls.tls.TlsException("no server certificate for "
                        + (outcome.serverName == null ? "a client without SNI" : outcome.serverName),
                        new TlsAlert(e.getAlertDescription(), false), e));
            } else {
                List<String> offered = Arrays.stream(offeredCipherSuites).mapToObj(ServerPeer::suiteName).toList();
                outcome.fail(new NoCommonParametersException("no common cipher suite: the client offered "
                        + offered + ", this server accepts " + config.cipherSuites() + " with a "
                        + Signers.keyFamily(identity().privateKey()) + " key",
                        NoCommonParametersException.Parameter.CIPHER_SUITE,
                        new TlsAlert(e.getAlertDescription(), false), e));
            }
            throw e;
        }
    }

    private static String suiteName(int code) {
        org.streamtls.tls.TlsCipherSuite s = Codes.cipherSuite(code);
        return s != null ? s.name() : Codes.hex(code);
    }

    @Override
    public TlsECConfig getECDHConfig() throws IOException {
        TlsECConfig ec = super.getECDHConfig();
        outcome.tls12Group = ec.getNamedGroup();
        return ec;
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        Identity id = identity();
        if (id == null) {
            outcome.fail(new org.streamtls.tls.TlsException("no server certificate for "
                    + (outcome.serverName == null ? "a client without SNI" : outcome.serverName),
                    new TlsAlert(AlertDescription.handshake_failure, false), null));
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no server certificate");
        }
        Vector<?> sigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        return Signers.create(context, id, config.signatureSchemes(), sigAlgs, TlsUtils.EMPTY_BYTES);
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (config.clientAuth() == ClientAuth.NONE) {
            return null;
        }
        @SuppressWarnings("rawtypes")
        Vector sigAlgs = Codes.signatureAlgorithms(config.signatureSchemes(), getCrypto());
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, sigAlgs, null, null);
        }
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, sigAlgs, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        List<X509Certificate> chain = Certificates.toX509(clientCertificate);
        if (chain.isEmpty()) {
            if (config.clientAuth() == ClientAuth.NEED) {
                short alert = TlsUtils.isTLSv13(context) ? AlertDescription.certificate_required
                        : AlertDescription.handshake_failure;
                outcome.fail(Refusals.missing(alert));
                throw new TlsFatalAlert(alert, "client certificate required");
            }
            return;
        }
        TrustDecision decision = config.clientTrustVerifier().orElseThrow().verify(chain, null, Purpose.CLIENT);
        outcome.peer(chain, decision.trusted(), decision.nameMatches());
        if (!config.clientCertificateAcceptable().acceptable(chain, decision)) {
            short alert = Refusals.alertFor(decision);
            outcome.fail(Refusals.refused("client", chain, decision, alert));
            throw new TlsFatalAlert(alert, "client certificate refused: " + decision.summary());
        }
    }

    @Override
    public TlsSession getSessionToResume(byte[] sessionID) {
        if (!cache.enabled() || sessionID == null || sessionID.length == 0) {
            return null;
        }
        SessionCache.Entry e = cache.get(HexFormat.of().formatHex(sessionID));
        if (e == null || !java.util.Objects.equals(e.serverName(), outcome.serverName)) {
            return null;
        }
        if (config.clientAuth() == ClientAuth.NEED && e.peerChain().isEmpty()) {
            return null;
        }
        outcome.peer(e.peerChain(), e.peerTrusted(), e.peerNameMatches());
        return e.session();
    }

    @Override
    public byte[] getNewSessionID() {
        if (!cache.enabled() || !config.versions().contains(TlsVersion.TLS_1_2)) {
            return null;
        }
        byte[] id = new byte[32];
        getCrypto().getSecureRandom().nextBytes(id);
        return id;
    }

    @Override
    public void notifySession(TlsSession session) {
        super.notifySession(session);
        this.newSession = session;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        var params = context.getSecurityParametersConnection();
        outcome.resumed = params.isResumedSession();
        // The completed session (BouncyCastle replaces the one announced by notifySession).
        TlsSession session = context.getSession();
        if (!outcome.resumed && newSession != null && session != null && session.isResumable()
                && !TlsUtils.isTLSv13(context) && session.getSessionID() != null && session.getSessionID().length > 0) {
            cache.put(HexFormat.of().formatHex(session.getSessionID()), session, outcome.peerChain,
                    outcome.peerTrusted, outcome.peerNameMatches, outcome.serverName);
        }
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertDescription == AlertDescription.handshake_failure && outcome.failure == null
                && context.getServerVersion() != null && TlsUtils.isTLSv13(context.getServerVersion())) {
            int[] offered = context.getSecurityParametersHandshake() == null ? null
                    : context.getSecurityParametersHandshake().getClientSupportedGroups();
            int[] ours = getSupportedGroups();
            if (offered != null && Arrays.stream(offered).noneMatch(g -> Arrays.stream(ours).anyMatch(o -> o == g))) {
                outcome.fail(new NoCommonParametersException("no common key-exchange group: the client offered "
                        + Arrays.stream(offered).mapToObj(ServerPeer::groupName).toList() + ", this server accepts "
                        + Arrays.stream(ours).mapToObj(ServerPeer::groupName).toList(),
                        NoCommonParametersException.Parameter.NAMED_GROUP,
                        new TlsAlert(alertDescription, false), null));
            }
        }
        if (alertLevel == AlertLevel.fatal) {
            LOG.log(Level.DEBUG, "server sent alert {0}: {1}", AlertDescription.getText(alertDescription), message);
        }
    }

    private static String groupName(int code) {
        org.streamtls.tls.TlsNamedGroup g = Codes.namedGroup(code);
        return g != null ? g.name() : NamedGroup.getName(code);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal) {
            LOG.log(Level.DEBUG, "server received alert {0}", AlertDescription.getText(alertDescription));
        }
    }
}
