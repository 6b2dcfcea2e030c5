package org.streamtls.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.streamtls.certstore.ClientCertificateSelector;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustVerifier;
import org.streamtls.tls.internal.SessionCache;
import org.streamtls.transport.ConnectionOptions;

/**
 * Everything a TLS client needs, fixed once and shared by any number of connections (rustls'
 * {@code ClientConfig}): what to negotiate, how to judge the server, which certificate to present,
 * which crypto to use, the timeouts and the TLS 1.2 session cache.
 *
 * <p><b>Defaults</b>:
 * <ul>
 *   <li>versions TLS 1.2 and 1.3 — nothing older can be configured;</li>
 *   <li>cipher suites {@link TlsCipherSuite#defaults()}: AEAD only, AES-GCM first;</li>
 *   <li>named groups {@link TlsNamedGroup#defaults()} (X25519MLKEM768, X25519, P-256, P-384), less
 *       those the crypto backend cannot compute; key shares are sent for the first hybrid and the
 *       first classical group;</li>
 *   <li>signature schemes {@link TlsSignatureScheme#defaults()}; no ALPN;</li>
 *   <li>the server's chain is judged by a {@link PkixTrustVerifier} over the JDK's trust anchors, then by
 *       {@link PeerCertificateAcceptor#trustedAndNameMatches()}: a chain that is not trusted or not
 *       for the host is refused with {@link PeerCertificateRefusedException};</li>
 *   <li>no client certificate;</li>
 *   <li>{@link CryptoBackend#defaultBackend()}; {@link TlsTimeouts#defaults()};
 *       {@link ConnectionOptions#defaults()} for the TCP connect, send and receive;</li>
 *   <li>TLS 1.2 session cache of 1000 sessions living 600 s, keyed by host, port and name;</li>
 *   <li>records of at most 2^14 bytes; SNI and certificate check against the host connected to.</li>
 * </ul>
 *
 * <p><b>Errors.</b> The builder throws {@link IllegalArgumentException} naming the value for an
 * empty list, an out-of-range size, or a TLS version enabled without any of its cipher suites.
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsClientConfig {

    private final Set<TlsVersion> versions;
    private final List<TlsCipherSuite> cipherSuites;
    private final List<TlsNamedGroup> namedGroups;
    private final List<TlsSignatureScheme> signatureSchemes;
    private final List<String> applicationProtocols;
    private final TrustVerifier trustVerifier;
    private final PeerCertificateAcceptor serverCertificateAcceptable;
    private final ClientCertificateSelector clientCertificateSelector;
    private final CryptoBackend cryptoBackend;
    private final TlsTimeouts timeouts;
    private final ConnectionOptions connectionOptions;
    private final Duration sessionCacheLifetime;
    private final int sessionCacheSize;
    private final int maxRecordSize;
    private final String serverName;
    private final SessionCache sessionCache;

    private TlsClientConfig(Builder b) {
        this.versions = b.versions;
        this.cipherSuites = b.cipherSuites;
        this.namedGroups = b.namedGroups;
        this.signatureSchemes = b.signatureSchemes;
        this.applicationProtocols = b.applicationProtocols;
        this.trustVerifier = b.trustVerifier;
        this.serverCertificateAcceptable = b.serverCertificateAcceptable;
        this.clientCertificateSelector = b.clientCertificateSelector;
        this.cryptoBackend = b.cryptoBackend;
        this.timeouts = b.timeouts;
        this.connectionOptions = b.connectionOptions;
        this.sessionCacheLifetime = b.sessionCacheLifetime;
        this.sessionCacheSize = b.sessionCacheSize;
        this.maxRecordSize = b.maxRecordSize;
        this.serverName = b.serverName;
        this.sessionCache = new SessionCache(sessionCacheSize, sessionCacheLifetime);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<TlsVersion> versions() {
        return versions;
    }

    /** In preference order. */
    public List<TlsCipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** In preference order, before filtering by what the crypto backend supports. */
    public List<TlsNamedGroup> namedGroups() {
        return namedGroups;
    }

    public List<TlsSignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** ALPN protocols offered, in preference order; empty for no ALPN. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    public TrustVerifier trustVerifier() {
        return trustVerifier;
    }

    public PeerCertificateAcceptor serverCertificateAcceptable() {
        return serverCertificateAcceptable;
    }

    /** Chooses the client certificate when a server asks; empty for never sending one. */
    public Optional<ClientCertificateSelector> clientCertificateSelector() {
        return Optional.ofNullable(clientCertificateSelector);
    }

    public CryptoBackend cryptoBackend() {
        return cryptoBackend;
    }

    public TlsTimeouts timeouts() {
        return timeouts;
    }

    /** Used by {@link TlsClient#connect}: connect timeout, send and receive timeouts, shutdown signal. */
    public ConnectionOptions connectionOptions() {
        return connectionOptions;
    }

    /** How long a TLS 1.2 session may be resumed; zero disables resumption. */
    public Duration sessionCacheLifetime() {
        return sessionCacheLifetime;
    }

    public int sessionCacheSize() {
        return sessionCacheSize;
    }

    /** The largest record payload this side sends, at most 2^14 (16384) bytes. */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /**
     * The name sent as SNI and checked against the server's certificate instead of the host
     * connected to; empty to use that host.
     */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    SessionCache sessionCache() {
        return sessionCache;
    }

    /** The default verifier, made once: PKIX over the JDK's trust anchors (loaded on first use). */
    private static final class DefaultTrust {
        static final TrustVerifier VERIFIER = PkixTrustVerifier.builder().build();
    }

    /** Builds a {@link TlsClientConfig}. Each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Set<TlsVersion> versions = Set.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        private List<TlsCipherSuite> cipherSuites = TlsCipherSuite.defaults();
        private List<TlsNamedGroup> namedGroups = TlsNamedGroup.defaults();
        private List<TlsSignatureScheme> signatureSchemes = TlsSignatureScheme.defaults();
        private List<String> applicationProtocols = List.of();
        private TrustVerifier trustVerifier = DefaultTrust.VERIFIER;
        private PeerCertificateAcceptor serverCertificateAcceptable = PeerCertificateAcceptor.trustedAndNameMatches();
        private ClientCertificateSelector clientCertificateSelector;
        private CryptoBackend cryptoBackend = CryptoBackend.defaultBackend();
        private TlsTimeouts timeouts = TlsTimeouts.defaults();
        private ConnectionOptions connectionOptions = ConnectionOptions.defaults();
        private Duration sessionCacheLifetime = ConfigChecks.DEFAULT_SESSION_LIFETIME;
        private int sessionCacheSize = ConfigChecks.DEFAULT_SESSION_CACHE_SIZE;
        private int maxRecordSize = ConfigChecks.MAX_RECORD_SIZE;
        private String serverName;

        private Builder() {
        }

        /** The versions to offer; default TLS 1.2 and 1.3. */
        public Builder versions(Set<TlsVersion> versions) {
            this.versions = ConfigChecks.versions(versions);
            return this;
        }

        /** The cipher suites to offer, in preference order. */
        public Builder cipherSuites(List<TlsCipherSuite> suites) {
            this.cipherSuites = ConfigChecks.nonEmptyDistinct("cipher suite", suites);
            return this;
        }

        /** The key-exchange groups to offer, in preference order. */
        public Builder namedGroups(List<TlsNamedGroup> groups) {
            this.namedGroups = ConfigChecks.nonEmptyDistinct("named group", groups);
            return this;
        }

        /** The signature schemes to accept from the server, in preference order. */
        public Builder signatureSchemes(List<TlsSignatureScheme> schemes) {
            this.signatureSchemes = ConfigChecks.nonEmptyDistinct("signature scheme", schemes);
            return this;
        }

        /** ALPN protocols to offer, e.g. "h2", "http/1.1"; empty (the default) for none. */
        public Builder applicationProtocols(List<String> protocols) {
            this.applicationProtocols = ConfigChecks.applicationProtocols(protocols);
            return this;
        }

        /** Judges the server's chain and name (certstore); default: PKIX over the JDK's trust anchors. */
        public Builder trustVerifier(TrustVerifier verifier) {
            this.trustVerifier = Objects.requireNonNull(verifier, "trustVerifier");
            return this;
        }

        /** The last word on the server's chain; default {@link PeerCertificateAcceptor#trustedAndNameMatches()}. */
        public Builder serverCertificateAcceptable(PeerCertificateAcceptor acceptor) {
            this.serverCertificateAcceptable = Objects.requireNonNull(acceptor, "serverCertificateAcceptable");
            return this;
        }

        /** Chooses a client certificate when a server asks for one; default none. */
        public Builder clientCertificateSelector(ClientCertificateSelector selector) {
            this.clientCertificateSelector = Objects.requireNonNull(selector, "clientCertificateSelector");
            return this;
        }

        public Builder cryptoBackend(CryptoBackend backend) {
            this.cryptoBackend = Objects.requireNonNull(backend, "cryptoBackend");
            return this;
        }

        public Builder timeouts(TlsTimeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** The TCP options {@link TlsClient#connect} uses: connect, send, receive timeouts, shutdown signal. */
        public Builder connectionOptions(ConnectionOptions options) {
            this.connectionOptions = Objects.requireNonNull(options, "connectionOptions");
            return this;
        }

        /** How long a TLS 1.2 session may be resumed; default 600 s; zero disables resumption. */
        public Builder sessionCacheLifetime(Duration lifetime) {
            this.sessionCacheLifetime = ConfigChecks.sessionLifetime(lifetime);
            return this;
        }

        /** How many TLS 1.2 sessions to keep; default 1000; zero disables resumption. */
        public Builder sessionCacheSize(int size) {
            this.sessionCacheSize = ConfigChecks.sessionCacheSize(size);
            return this;
        }

        /** The largest record payload to send, 256 .. 16384 bytes; default 16384. */
        public Builder maxRecordSize(int size) {
            this.maxRecordSize = ConfigChecks.maxRecordSize(size);
            return this;
        }

        /**
         * Send this name as SNI and check the certificate against it, instead of the host
         * connected to (for example when connecting to an IP address). An IP literal here is
         * checked against the certificate but never sent as SNI.
         */
        public Builder serverName(String name) {
            Objects.requireNonNull(name, "serverName");
            if (name.isBlank()) {
                throw new IllegalArgumentException("serverName must not be blank");
            }
            this.serverName = name;
            return this;
        }

        /**
         * @throws IllegalArgumentException if an enabled version has no enabled cipher suite
         */
        public TlsClientConfig build() {
            ConfigChecks.suitesCoverVersions(versions, cipherSuites);
            return new TlsClientConfig(this);
        }
    }
}
