package org.streamtls.certstore;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.streamtls.certstore.internal.NameMatching;
import org.streamtls.certstore.internal.Usability;

/**
 * The default {@link ServerCertificateSelector}: chooses by the SNI name among a store's identities
 * (StreamSSL's CertFindServerCertificateByName with its per-name cache, and SelectServerCert as
 * the override).
 *
 * <p><b>Choice.</b> Among the store's identities, those whose leaf covers the requested name
 * ({@link HostnameMatcher}), is valid now, allows server authentication (extendedKeyUsage absent,
 * serverAuth or anyExtendedKeyUsage; keyUsage absent or with digitalSignature), and has a key type
 * the client can verify. An exact name beats a wildcard; then the longest remaining validity wins;
 * then store order. Without SNI (or with a malformed name): the default identity if one is set,
 * else the first usable identity in store order.
 *
 * <p><b>When nothing matches:</b> the {@link Builder#defaultIdentity default identity} if set
 * (even if its names do not cover the request — the client will then refuse or accept it by its
 * own rules); else, when {@link Builder#generateSelfSignedWhenNoMatch} is on, a self-signed ECDSA
 * P-256 (or Ed25519/RSA, whichever the client can verify) certificate generated for that name,
 * valid for 30 days from an hour ago, as StreamSSL does; else empty, and the handshake fails.
 *
 * <p><b>Override:</b> an {@link Builder#override override} selector is asked first; when it returns
 * an identity, that is used as it is.
 *
 * <p><b>Cache.</b> Choices are cached per (name, client key types). The cache is dropped when the
 * store returns a different identity list (a reload), and an entry is not used once its
 * certificate has expired. The cache holds at most {@value #MAX_CACHED} entries (SNI names come
 * from clients: a client cannot make it grow without bound); when full it is cleared.
 *
 * <p>Immutable configuration; thread-safe.
 */
public final class DefaultServerCertificateSelector implements ServerCertificateSelector {

    /** The most names cached at once. */
    public static final int MAX_CACHED = 1024;

    private final CertificateStore store;
    private final Identity defaultIdentity;
    private final boolean generateSelfSigned;
    private final ServerCertificateSelector override;
    private final Clock clock;
    private final Map<String, Identity> cache = new ConcurrentHashMap<>();
    private volatile List<Identity> cachedFrom;

    private DefaultServerCertificateSelector(Builder b) {
        this.store = b.store;
        this.defaultIdentity = b.defaultIdentity;
        this.generateSelfSigned = b.generateSelfSigned;
        this.override = b.override;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link DefaultServerCertificateSelector}. Not thread-safe; the built selector is. */
    public static final class Builder {
        private CertificateStore store = CertificateStores.inMemory(List.of(), List.of());
        private Identity defaultIdentity;
        private boolean generateSelfSigned;
        private ServerCertificateSelector override;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The identities to choose from; an empty store by default. */
        public Builder store(CertificateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Used when the client sent no SNI, or when no identity covers its name; none by default. */
        public Builder defaultIdentity(Identity identity) {
            this.defaultIdentity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * When nothing matches and there is no default identity: generate a self-signed certificate
         * for the requested name (off by default). Clients that verify will refuse it: this suits
         * tests, demos and peers that pin certificates.
         */
        public Builder generateSelfSignedWhenNoMatch(boolean generate) {
            this.generateSelfSigned = generate;
            return this;
        }

        /** Asked first; its non-empty answer is used as it is. None by default. */
        public Builder override(ServerCertificateSelector override) {
            this.override = Objects.requireNonNull(override, "override");
            return this;
        }

        /** The clock for "valid now"; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DefaultServerCertificateSelector build() {
            return new DefaultServerCertificateSelector(this);
        }
    }

    @Override
    public Optional<Identity> select(ServerCertificateRequest request) {
        if (override != null) {
            Optional<Identity> chosen = override.select(request);
            if (chosen.isPresent()) {
                return chosen;
            }
        }
        List<Identity> identities = store.identities();
        if (identities != cachedFrom) {
            synchronized (cache) {
                if (identities != cachedFrom) {
                    cache.clear();
                    cachedFrom = identities;
                }
            }
        }
        Instant now = clock.instant();
        String name = NameMatching.canonicalHost(request.serverName());
        if (name == null && request.serverName() != null && NameMatching.ipAddress(request.serverName()) != null) {
            name = request.serverName();
        }
        String key = (name == null ? "" : name) + "|" + new TreeSet<>(request.keyAlgorithms());
        Identity cached = cache.get(key);
        if (cached != null && Usability.validAt(cached.leaf(), now)) {
            return Optional.of(cached);
        }
        Identity chosen = choose(identities, name, request, now);
        if (chosen != null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, chosen);
        }
        return Optional.ofNullable(chosen);
    }

    private Identity choose(List<Identity> identities, String name, ServerCertificateRequest request, Instant now) {
        Identity best = null;
        NameMatching.Match bestMatch = NameMatching.Match.NONE;
        for (Identity id : identities) {
            if (!Usability.usable(id, Purpose.SERVER, request.keyAlgorithms(), now)) {
                continue;
            }
            if (name == null) {
                if (defaultIdentity == null) {
                    return id;
                }
                continue;
            }
            NameMatching.Match m = HostnameMatcher.quality(id.leaf(), name);
            if (m == NameMatching.Match.NONE) {
                continue;
            }
            if (best == null || m.compareTo(bestMatch) > 0 || (m == bestMatch && laterEnd(id.leaf(), best.leaf()))) {
                best = id;
                bestMatch = m;
            }
        }
        if (best != null) {
            return best;
        }
        if (defaultIdentity != null) {
            return defaultIdentity;
        }
        if (generateSelfSigned) {
            return generate(name == null ? "localhost" : name, request, now);
        }
        return null;
    }

    private static boolean laterEnd(X509Certificate a, X509Certificate b) {
        return a.getNotAfter().after(b.getNotAfter());
    }

    private Identity generate(String name, ServerCertificateRequest request, Instant now) {
        KeyType type = KeyType.EC_P256;
        if (!request.keyAlgorithms().isEmpty() && !request.keyAlgorithms().contains("EC")) {
            type = request.keyAlgorithms().contains("Ed25519") ? KeyType.ED25519 : KeyType.RSA_2048;
        }
        CertificateBuilder b = CertificateBuilder.create().commonName(name).keyType(type).serverAuth()
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        if (NameMatching.ipAddress(name) != null) {
            b.addIpAddress(name.startsWith("[") ? name.substring(1, name.length() - 1) : name);
        } else {
            b.addDnsName(name);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "DefaultServerCertificateSelector[" + store + "]";
    }
}
