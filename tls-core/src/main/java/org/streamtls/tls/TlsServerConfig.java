package org.streamtls.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.streamtls.certstore.ServerCertificateSelector;
import org.streamtls.certstore.TrustVerifier;
import org.streamtls.tls.internal.SessionCache;

/**
 * Everything a TLS server needs, fixed once and shared by every connection it accepts: what to
 * negotiate (the server's own preference order wins), which certificate to present for each SNI
 * name, whether and how to verify clients, which crypto to use, the timeouts and the TLS 1.2
 * session cache.
 *
 * <p><b>Defaults</b> (only {@link Builder#certificateSelector} has none and must be given):
 * <ul>
 *   <li>versions TLS 1.2 and 1.3; cipher suites {@link TlsCipherSuite#defaults()} (AEAD only,
 *       AES-GCM first), server order preferred; named groups {@link TlsNamedGroup#defaults()} less
 *       those the crypto backend cannot compute; signature schemes
 *       {@link TlsSignatureScheme#defaults()}; no ALPN;</li>
 *   <li>{@link ClientAuth#NONE}; with WANT or NEED a {@link Builder#clientTrustVerifier} is required,
 *       and {@link PeerCertificateAcceptor#trustedAndNameMatches()} has the last word;</li>
 *   <li>{@link CryptoBackend#defaultBackend()}; {@link TlsTimeouts#defaults()};</li>
 *   <li>TLS 1.2 session cache of 1000 sessions living 600 s; records of at most 2^14 bytes.</li>
 * </ul>
 * The send and receive timeouts are those of the accepted connection (the listener's
 * {@link org.streamtls.transport.ConnectionOptions}).
 *
 * <p><b>Errors.</b> The builder throws {@link IllegalArgumentException} naming the value for an
 * empty list, an out-of-range size, a TLS version enabled without any of its cipher suites; and
 * {@link IllegalStateException} from {@link Builder#build()} without a certificate selector, or
 * with client authentication but no client trust verifier.
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsServerConfig {

    private final Set<TlsVersion> versions;
    private final List<TlsCipherSuite> cipherSuites;
    private final List<TlsNamedGroup> namedGroups;
    private final List<TlsSignatureScheme> signatureSchemes;
    private final List<String> applicationProtocols;
    private final ServerCertificateSelector certificateSelector;
    private final ClientAuth clientAuth;
    private final TrustVerifier clientTrustVerifier;
    private final PeerCertificateAcceptor clientCertificateAcceptable;
    private final CryptoBackend cryptoBackend;
    private final TlsTimeouts timeouts;
    private final Duration sessionCacheLifetime;
    private final int sessionCacheSize;
    private final int maxRecordSize;
    private final SessionCache sessionCache;

    private TlsServerConfig(Builder b) {
        this.versions = b.versions;
        this.cipherSuites = b.cipherSuites;
        this.namedGroups = b.namedGroups;
        this.signatureSchemes = b.signatureSchemes;
        this.applicationProtocols = b.applicationProtocols;
        this.certificateSelector = b.certificateSelector;
        this.clientAuth = b.clientAuth;
        this.clientTrustVerifier = b.clientTrustVerifier;
        this.clientCertificateAcceptable = b.clientCertificateAcceptable;
        this.cryptoBackend = b.cryptoBackend;
        this.timeouts = b.timeouts;
        this.sessionCacheLifetime = b.sessionCacheLifetime;
        this.sessionCacheSize = b.sessionCacheSize;
        this.maxRecordSize = b.maxRecordSize;
        this.sessionCache = new SessionCache(sessionCacheSize, sessionCacheLifetime);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<TlsVersion> versions() {
        return versions;
    }

    /** In the server's preference order, which wins. */
    public List<TlsCipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** In the server's preference order, before filtering by what the crypto backend supports. */
    public List<TlsNamedGroup> namedGroups() {
        return namedGroups;
    }

    public List<TlsSignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** ALPN protocols in preference order; empty for no ALPN. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** Chooses the certificate for each handshake from the SNI name and the client's key types. */
    public ServerCertificateSelector certificateSelector() {
        return certificateSelector;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** Judges client chains; present whenever client authentication is on. */
    public Optional<TrustVerifier> clientTrustVerifier() {
        return Optional.ofNullable(clientTrustVerifier);
    }

    public PeerCertificateAcceptor clientCertificateAcceptable() {
        return clientCertificateAcceptable;
    }

    public CryptoBackend cryptoBackend() {
        return cryptoBackend;
    }

    public TlsTimeouts timeouts() {
        return timeouts;
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

    SessionCache sessionCache() {
        return sessionCache;
    }

    /** Builds a {@link TlsServerConfig}. Each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Set<TlsVersion> versions = Set.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        private List<TlsCipherSuite> cipherSuites = TlsCipherSuite.defaults();
        private List<TlsNamedGroup> namedGroups = TlsNamedGroup.defaults();
        private List<TlsSignatureScheme> signatureSchemes = TlsSignatureScheme.defaults();
        private List<String> applicationProtocols = List.of();
        private ServerCertificateSelector certificateSelector;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private TrustVerifier clientTrustVerifier;
        private PeerCertificateAcceptor clientCertificateAcceptable = PeerCertificateAcceptor.trustedAndNameMatches();
        private CryptoBackend cryptoBackend = CryptoBackend.defaultBackend();
        private TlsTimeouts timeouts = TlsTimeouts.defaults();
        private Duration sessionCacheLifetime = ConfigChecks.DEFAULT_SESSION_LIFETIME;
        private int sessionCacheSize = ConfigChecks.DEFAULT_SESSION_CACHE_SIZE;
        private int maxRecordSize = ConfigChecks.MAX_RECORD_SIZE;

        private Builder() {
        }

        /** The versions to accept; default TLS 1.2 and 1.3. */
        public Builder versions(Set<TlsVersion> versions) {
            this.versions = ConfigChecks.versions(versions);
            return this;
        }

        /** The cipher suites to accept, in the server's preference order. */
        public Builder cipherSuites(List<TlsCipherSuite> suites) {
            this.cipherSuites = ConfigChecks.nonEmptyDistinct("cipher suite", suites);
            return this;
        }

        /** The key-exchange groups to accept, in the server's preference order. */
        public Builder namedGroups(List<TlsNamedGroup> groups) {
            this.namedGroups = ConfigChecks.nonEmptyDistinct("named group", groups);
            return this;
        }

        /** The signature schemes to accept from clients and to sign with, in preference order. */
        public Builder signatureSchemes(List<TlsSignatureScheme> schemes) {
            this.signatureSchemes = ConfigChecks.nonEmptyDistinct("signature scheme", schemes);
            return this;
        }

        /**
         * ALPN protocols, in preference order; a client offering none of them is refused with
         * no_application_protocol. Empty (the default) ignores ALPN.
         */
        public Builder applicationProtocols(List<String> protocols) {
            this.applicationProtocols = ConfigChecks.applicationProtocols(protocols);
            return this;
        }

        /** Chooses the server's identity per handshake (certstore). Required. */
        public Builder certificateSelector(ServerCertificateSelector selector) {
            this.certificateSelector = Objects.requireNonNull(selector, "certificateSelector");
            return this;
        }

        /** Whether to ask clients for a certificate; default {@link ClientAuth#NONE}. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /** Judges client chains (certstore); required with WANT or NEED. */
        public Builder clientTrustVerifier(TrustVerifier verifier) {
            this.clientTrustVerifier = Objects.requireNonNull(verifier, "clientTrustVerifier");
            return this;
        }

        /** The last word on a client's chain; default {@link PeerCertificateAcceptor#trustedAndNameMatches()}. */
        public Builder clientCertificateAcceptable(PeerCertificateAcceptor acceptor) {
            this.clientCertificateAcceptable = Objects.requireNonNull(acceptor, "clientCertificateAcceptable");
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
         * @throws IllegalStateException without a certificate selector, or with client
         *         authentication but no client trust verifier
         * @throws IllegalArgumentException if an enabled version has no enabled cipher suite
         */
        public TlsServerConfig build() {
            if (certificateSelector == null) {
                throw new IllegalStateException("a TlsServerConfig needs a certificateSelector (certstore)");
            }
            if (clientAuth != ClientAuth.NONE && clientTrustVerifier == null) {
                throw new IllegalStateException("clientAuth " + clientAuth + " needs a clientTrustVerifier");
            }
            ConfigChecks.suitesCoverVersions(versions, cipherSuites);
            return new TlsServerConfig(this);
        }
    }
}
