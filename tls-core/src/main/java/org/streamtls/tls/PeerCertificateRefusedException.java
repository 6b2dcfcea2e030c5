package org.streamtls.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.streamtls.certstore.TrustDecision;

/**
 * We refused the peer's certificate: it was not trusted, did not cover the expected name, was
 * refused by the acceptance callback, or (a server requiring one) the client sent none. Carries
 * the chain, certstore's {@link TrustDecision} and the precise reasons; {@link #alert()} is the
 * alert we sent to the peer (e.g. certificate_expired, unknown_ca, bad_certificate,
 * certificate_required).
 */
public class PeerCertificateRefusedException extends TlsException {

    private final transient List<X509Certificate> chain;
    private final transient TrustDecision decision;
    private final List<String> reasons;

    public PeerCertificateRefusedException(String message, List<X509Certificate> chain, TrustDecision decision,
                                           List<String> reasons, TlsAlert alert) {
        super(message, alert, null);
        this.chain = List.copyOf(chain);
        this.decision = decision;
        this.reasons = List.copyOf(reasons);
    }

    /** The peer's chain, leaf first; empty when it sent no certificate. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The trust verifier's decision; empty when there was no certificate to verify. */
    public Optional<TrustDecision> decision() {
        return Optional.ofNullable(decision);
    }

    /** Why the certificate was refused, one precise sentence each. */
    public List<String> reasons() {
        return reasons;
    }
}
