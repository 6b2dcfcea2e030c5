package org.streamtls.certstore;

/**
 * The verdict on a peer's chain: whether it is trusted for the purpose, whether it covers the
 * expected name, and every precise reason when not.
 *
 * <p>Immutable.
 */
public final class TrustDecision {
    // Implemented by the certstore issue: trusted(), nameMatches(), reasons(), accepted(), ...
    public boolean trusted() {
        throw new UnsupportedOperationException("certstore: not yet implemented");
    }

    public boolean nameMatches() {
        throw new UnsupportedOperationException("certstore: not yet implemented");
    }
}
