package org.streamtls.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import org.streamtls.certstore.TrustDecision;

/**
 * The last word on the peer's certificate chain (StreamSSL's {@code ServerCertAcceptable} and
 * {@code ClientCertAcceptable}): given the chain and the trust verifier's decision, accept or
 * refuse. Use it to pin a key or a certificate, or to accept a known self-signed peer.
 *
 * <p>The shipped default, {@link #trustedAndNameMatches()}, accepts exactly when the chain is
 * trusted and covers the expected name. A refusal ends the handshake with
 * {@link PeerCertificateRefusedException} carrying the decision.
 *
 * <p>Implementations must be thread-safe: one acceptor serves every connection of a configuration.
 */
@FunctionalInterface
public interface PeerCertificateAcceptor {

    /**
     * @param chain the peer's certificates as it sent them, leaf first
     * @param decision the trust verifier's verdict on that chain
     * @return true to go on with the handshake, false to refuse the peer
     */
    boolean acceptable(List<X509Certificate> chain, TrustDecision decision);

    /** Accepts when the chain is trusted and the name matches; the default. */
    static PeerCertificateAcceptor trustedAndNameMatches() {
        return (chain, decision) -> decision.trusted() && decision.nameMatches();
    }
}
