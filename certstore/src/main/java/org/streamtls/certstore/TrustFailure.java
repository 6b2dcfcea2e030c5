package org.streamtls.certstore;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One precise reason a chain was refused: its kind, the certificate concerned, and a sentence that
 * names the values ("certificate CN=x expired on 2026-01-01T00:00:00Z").
 *
 * @param kind what went wrong, for programs
 * @param certificate the certificate concerned, or null when none is (an empty chain)
 * @param message the reason for people, naming subjects, dates and names
 */
public record TrustFailure(Kind kind, X509Certificate certificate, String message) {

    /** The failures an operator actually meets. */
    public enum Kind {
        /** The peer sent no certificate. */
        NO_CERTIFICATE,
        /** A certificate's notAfter is before the verification instant. */
        EXPIRED,
        /** A certificate's notBefore is after the verification instant. */
        NOT_YET_VALID,
        /** No certificate presented or trusted is the issuer of this one. */
        UNKNOWN_ISSUER,
        /** A self-signed certificate that is not among the trust anchors. */
        SELF_SIGNED_UNTRUSTED,
        /** The extended key usage or key usage does not allow the purpose (server or client). */
        WRONG_PURPOSE,
        /** The certificate does not cover the expected host name or address. */
        NAME_MISMATCH,
        /** More intermediate CAs than a basicConstraints pathLenConstraint allows. */
        PATH_TOO_LONG,
        /** A signature does not verify with the issuer's public key. */
        BAD_SIGNATURE,
        /** A name in the certificate lies outside a CA's name constraints. */
        NAME_CONSTRAINTS,
        /** An issuing certificate is not a CA (no basicConstraints cA=true, or no keyCertSign). */
        NOT_A_CA,
        /** A signature or key algorithm is disabled (jdk.certpath.disabledAlgorithms). */
        WEAK_ALGORITHM,
        /** A critical extension this validator does not understand. */
        UNRECOGNIZED_CRITICAL_EXTENSION,
        /** Anything else PKIX validation refused (the message has the validator's words). */
        OTHER
    }

    public TrustFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
