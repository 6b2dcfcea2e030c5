package org.streamtls.samples.cli.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.streamtls.certstore.CertificateDescriptions;

/**
 * A certificate as people read it, for {@code cert show}, {@code cert create} and the handshake
 * summaries: certstore's {@link CertificateDescriptions} plus whether it is valid at an instant.
 */
public final class CertificateDescription {

    private CertificateDescription() {
    }

    /** Several lines, each indented by {@code indent} and ending with a line break. */
    public static String describe(X509Certificate c, Instant now, String indent) {
        StringBuilder sb = new StringBuilder();
        for (String line : CertificateDescriptions.describe(c).split("\n")) {
            sb.append(indent).append(line).append(System.lineSeparator());
            if (line.startsWith("Valid:")) {
                sb.append(indent).append(String.format("%-20s%s", "Status:", status(c, now)))
                        .append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /** "valid now", "EXPIRED on …" or "NOT YET VALID until …". */
    public static String status(X509Certificate c, Instant now) {
        Instant from = c.getNotBefore().toInstant();
        Instant until = c.getNotAfter().toInstant();
        if (now.isAfter(until)) {
            return "EXPIRED on " + until;
        }
        if (now.isBefore(from)) {
            return "NOT YET VALID until " + from;
        }
        return "valid now";
    }
}
