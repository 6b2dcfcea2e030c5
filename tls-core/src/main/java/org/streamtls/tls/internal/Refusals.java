package org.streamtls.tls.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.streamtls.certstore.TrustDecision;
import org.streamtls.certstore.TrustFailure;
import org.streamtls.tls.PeerCertificateRefusedException;
import org.streamtls.tls.TlsAlert;

/** Builds the refusal of a peer's certificate: the alert to send and the exception with its reasons. */
final class Refusals {

    private Refusals() {
    }

    /** The most telling alert for a refused chain (RFC 8446 section 6.2). */
    static short alertFor(TrustDecision decision) {
        if (decision.has(TrustFailure.Kind.EXPIRED) || decision.has(TrustFailure.Kind.NOT_YET_VALID)) {
            return AlertDescription.certificate_expired;
        }
        if (decision.has(TrustFailure.Kind.UNKNOWN_ISSUER) || decision.has(TrustFailure.Kind.SELF_SIGNED_UNTRUSTED)) {
            return AlertDescription.unknown_ca;
        }
        if (decision.has(TrustFailure.Kind.WRONG_PURPOSE)) {
            return AlertDescription.unsupported_certificate;
        }
        if (decision.has(TrustFailure.Kind.NO_CERTIFICATE)) {
            return AlertDescription.certificate_required;
        }
        if (!decision.accepted()) {
            return AlertDescription.bad_certificate;
        }
        // Trusted and matching, but the acceptance callback said no (pinning).
        return AlertDescription.certificate_unknown;
    }

    static PeerCertificateRefusedException refused(String peer, List<X509Certificate> chain, TrustDecision decision,
                                                   short alert) {
        List<String> reasons = new ArrayList<>();
        for (TrustFailure f : decision.reasons()) {
            reasons.add(f.message());
        }
        if (reasons.isEmpty()) {
            reasons.add("the certificate is trusted and matches, but the acceptance callback refused it");
        }
        String subject = chain.isEmpty() ? "(none)" : chain.get(0).getSubjectX500Principal().getName();
        String message = peer + " certificate " + subject + " refused: " + String.join("; ", reasons);
        return new PeerCertificateRefusedException(message, chain, decision, reasons, new TlsAlert(alert, false));
    }

    static PeerCertificateRefusedException missing(short alert) {
        String reason = "the client sent no certificate, but this server requires one (ClientAuth.NEED)";
        return new PeerCertificateRefusedException("client certificate refused: " + reason, List.of(), null,
                List.of(reason), new TlsAlert(alert, false));
    }
}
