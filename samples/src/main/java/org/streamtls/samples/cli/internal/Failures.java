package org.streamtls.samples.cli.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.streamtls.certstore.TrustDecision;
import org.streamtls.certstore.TrustFailure;
import org.streamtls.tls.PeerCertificateRefusedException;
import org.streamtls.tls.TlsException;

/** Prints why a TLS operation failed: the message, the alert, and each certificate reason on its own line. */
public final class Failures {

    private Failures() {
    }

    /** "expired", "name mismatch", "unknown issuer"… */
    public static String label(TrustFailure.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The reasons of a refused chain, one per line, each as "  label: message". */
    public static void printReasons(TrustDecision decision, PrintStream out) {
        for (TrustFailure reason : decision.reasons()) {
            out.println("  " + label(reason.kind()) + ": " + reason.message());
        }
    }

    /** The failure with its alert and, for a refused certificate, every reason. */
    public static void print(String prefix, Exception e, PrintStream err) {
        err.println(prefix + e.getMessage());
        if (e instanceof TlsException) {
            ((TlsException) e).alert().ifPresent(a -> err.println("  alert: " + a));
        }
        if (e instanceof PeerCertificateRefusedException) {
            PeerCertificateRefusedException refused = (PeerCertificateRefusedException) e;
            if (refused.decision().isPresent()) {
                printReasons(refused.decision().get(), err);
            } else {
                refused.reasons().forEach(r -> err.println("  " + r));
            }
        }
    }
}
