package org.streamtls.certstore;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.streamtls.certstore.internal.Usability;

/**
 * The default {@link ClientCertificateSelector}: chooses the client's identity from the issuers the
 * server accepts (StreamSSL's SelectClientCertificate).
 *
 * <p><b>Choice.</b> Usable identities: leaf valid now, allowing client authentication
 * (extendedKeyUsage absent, clientAuth or anyExtendedKeyUsage; keyUsage absent or with
 * digitalSignature), with a key type the server can verify. Preferred among them: one whose chain
 * leads to an issuer the server named (a certificate of the chain is issued by, or is, one of the
 * acceptable issuers). Else, as StreamSSL does, any usable identity (the server may accept it by
 * other rules, or refuse it). Ties: longest remaining validity, then store order. When the server
 * named no issuer, every usable identity counts as preferred.
 *
 * <p><b>When none is usable:</b> with {@link Builder#generateSelfSignedWhenNoMatch} on, a self-signed
 * ECDSA P-256 client certificate (CN "streamtls-client", clientAuth, 30 days), generated once and
 * reused while valid; otherwise empty (no certificate is sent).
 *
 * <p><b>Override:</b> an {@link Builder#override override} selector is asked first; its non-empty
 * answer is used as it is. Immutable configuration; thread-safe.
 */
public final class DefaultClientCertificateSelector implements ClientCertificateSelector {

    private final CertificateStore store;
    private final boolean generate;
    private final ClientCertificateSelector override;
    private final Clock clock;
    private volatile Identity generated;

    private DefaultClientCertificateSelector(Builder b) {
        this.store = b.store;
        this.generate = b.generate;
        this.override = b.override;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link DefaultClientCertificateSelector}. Not thread-safe; the built selector is. */
    public static final class Builder {
        private CertificateStore store = CertificateStores.inMemory(List.of(), List.of());
        private boolean generate;
        private ClientCertificateSelector override;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The identities to choose from; an empty store by default. */
        public Builder store(CertificateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Generate a self-signed client certificate when no identity is usable (off by default). */
        public Builder generateSelfSignedWhenNoMatch(boolean generate) {
            this.generate = generate;
            return this;
        }

        /** Asked first; its non-empty answer is used as it is. None by default. */
        public Builder override(ClientCertificateSelector override) {
            this.override = Objects.requireNonNull(override, "override");
            return this;
        }

        /** The clock for "valid now"; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DefaultClientCertificateSelector build() {
            return new DefaultClientCertificateSelector(this);
        }
    }

    @Override
    public Optional<Identity> select(ClientCertificateRequest request) {
        if (override != null) {
            Optional<Identity> chosen = override.select(request);
            if (chosen.isPresent()) {
                return chosen;
            }
        }
        Instant now = clock.instant();
        Identity preferred = null;
        Identity anyUsable = null;
        for (Identity id : store.identities()) {
            if (!Usability.usable(id, Purpose.CLIENT, request.keyAlgorithms(), now)) {
                continue;
            }
            if (anyUsable == null || laterEnd(id, anyUsable)) {
                anyUsable = id;
            }
            if (leadsTo(id, request.acceptableIssuers()) && (preferred == null || laterEnd(id, preferred))) {
                preferred = id;
            }
        }
        if (preferred != null) {
            return Optional.of(preferred);
        }
        if (anyUsable != null) {
            return Optional.of(anyUsable);
        }
        if (generate) {
            return Optional.of(generated(now));
        }
        return Optional.empty();
    }

    private static boolean leadsTo(Identity id, List<X500Principal> issuers) {
        if (issuers.isEmpty()) {
            return true;
        }
        for (X509Certificate c : id.chain()) {
            if (issuers.contains(c.getIssuerX500Principal()) || (c != id.leaf()
                    && issuers.contains(c.getSubjectX500Principal()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean laterEnd(Identity a, Identity b) {
        return a.leaf().getNotAfter().after(b.leaf().getNotAfter());
    }

    private synchronized Identity generated(Instant now) {
        Identity g = generated;
        if (g == null || !Usability.validAt(g.leaf(), now)) {
            g = CertificateBuilder.create().commonName("streamtls-client").clientAuth()
                    .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))).build();
            generated = g;
        }
        return g;
    }

    @Override
    public String toString() {
        return "DefaultClientCertificateSelector[" + store + "]";
    }
}
