package org.streamtls.certstore;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The verdict on a peer's chain: whether it is trusted for the purpose, whether it covers the
 * expected name, and every precise reason when not (StreamSSL's getServerCertTrusted and
 * getServerCertNameMatches, with the reasons those lacked).
 *
 * <p>{@link #trusted()} is true when no reason other than {@link TrustFailure.Kind#NAME_MISMATCH}
 * was found; {@link #nameMatches()} when that one was not. A connection should go on only when
 * both are: {@link #accepted()}.
 *
 * <p>Immutable.
 */
public final class TrustDecision {

    private final List<X509Certificate> path;
    private final List<TrustFailure> reasons;

    private TrustDecision(List<X509Certificate> path, List<TrustFailure> reasons) {
        this.path = List.copyOf(path);
        this.reasons = List.copyOf(reasons);
    }

    /**
     * A decision from the reasons found (none: accepted).
     *
     * @param path the certification path, leaf first, ending with the trust anchor when one was
     *             reached (as far as it could be built otherwise)
     * @param reasons every reason found, in the order found
     */
    public static TrustDecision of(List<X509Certificate> path, List<TrustFailure> reasons) {
        return new TrustDecision(path, reasons);
    }

    /** Whether the chain leads to a trust anchor, valid now, for the purpose. */
    public boolean trusted() {
        return reasons.stream().allMatch(r -> r.kind() == TrustFailure.Kind.NAME_MISMATCH);
    }

    /** Whether the leaf covers the expected name (true when no name was to be checked). */
    public boolean nameMatches() {
        return reasons.stream().noneMatch(r -> r.kind() == TrustFailure.Kind.NAME_MISMATCH);
    }

    /** Trusted and the name matches: the peer may be believed. */
    public boolean accepted() {
        return reasons.isEmpty();
    }

    /** Every reason found; empty when accepted. */
    public List<TrustFailure> reasons() {
        return reasons;
    }

    /** Whether a reason of this kind was found. */
    public boolean has(TrustFailure.Kind kind) {
        return reasons.stream().anyMatch(r -> r.kind() == kind);
    }

    /**
     * The certification path, leaf first, ending with the trust anchor when one was reached; when
     * the chain was refused, as far as it could be built.
     */
    public List<X509Certificate> path() {
        return path;
    }

    /** One line: "accepted", or "refused: " and every reason's message joined by "; ". */
    public String summary() {
        if (reasons.isEmpty()) {
            return "accepted";
        }
        return "refused: " + reasons.stream().map(TrustFailure::message).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return summary();
    }
}
