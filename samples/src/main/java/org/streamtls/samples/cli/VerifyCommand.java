package org.streamtls.samples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.streamtls.certstore.PemFiles;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.Purpose;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.certstore.TrustDecision;
import org.streamtls.certstore.TrustFailure;
import org.streamtls.samples.cli.internal.CliContext;
import org.streamtls.samples.cli.internal.Failures;
import org.streamtls.samples.cli.internal.TrustOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code streamtls verify}: is this chain trusted for the purpose, and does it cover the host?
 * Prints every reason when not (certstore's {@link PkixTrustVerifier}).
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies a certificate chain (leaf first) against trust anchors, for a purpose and optionally a host name.",
            "Exit status 0 when the chain is trusted and the name matches, 1 otherwise, with every reason printed."
        })
final class VerifyCommand implements Callable<Integer> {

    /** The purpose names on the command line. */
    enum PurposeName {
        server(Purpose.SERVER), client(Purpose.CLIENT);

        final Purpose purpose;

        PurposeName(Purpose purpose) {
            this.purpose = purpose;
        }
    }

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "CHAIN.pem", description = "The chain to verify: the leaf first, then intermediates.")
    Path chainFile;

    @Option(names = "--trust", paramLabel = "PEM|system", defaultValue = "system",
            description = "Trust anchors: a PEM bundle, or 'system' for the JDK's trust store. Default: ${DEFAULT-VALUE}.")
    String trust;

    @Option(names = "--untrusted", paramLabel = "PEM",
            description = "More intermediate certificates that may complete the path (not trusted themselves).")
    Path untrusted;

    @Option(names = "--host", paramLabel = "NAME", description = "A host name or IP address the leaf must cover.")
    String host;

    @Option(names = "--purpose", paramLabel = "server|client", defaultValue = "server",
            description = "TLS server or client authentication. Default: ${DEFAULT-VALUE}.")
    PurposeName purpose;

    @Option(names = "--at", paramLabel = "ISO-8601", converter = InstantConverter.class,
            description = "Verify at this instant instead of now: 2030-01-01T00:00:00Z, or a date 2030-01-01 (midnight UTC).")
    Instant at;

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.terminal().out();
        List<X509Certificate> chain = new ArrayList<>(PemFiles.readCertificates(chainFile));
        int presented = chain.size();
        if (untrusted != null) {
            chain.addAll(PemFiles.readCertificates(untrusted));
        }
        TrustAnchors anchors = TrustOption.anchors(trust);
        Instant instant = at != null ? at : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        PkixTrustVerifier verifier = PkixTrustVerifier.builder()
                .trustAnchors(anchors)
                .clock(Clock.fixed(instant, ZoneOffset.UTC))
                .build();
        TrustDecision decision = verifier.verify(chain, host, purpose.purpose);

        out.println(chainFile + ": " + chain.get(0).getSubjectX500Principal().getName() + " ("
                + presented + " certificate" + (presented == 1 ? "" : "s")
                + (untrusted != null ? " + " + (chain.size() - presented) + " untrusted" : "") + ")");
        out.println("purpose: TLS " + purpose.name() + " authentication; at " + instant
                + "; trust anchors: " + TrustOption.describe(trust));
        List<String> path = new ArrayList<>();
        for (X509Certificate c : decision.path()) {
            path.add(c.getSubjectX500Principal().getName());
        }
        out.println("path: " + String.join(" <- ", path));
        out.println("trusted: " + (decision.trusted() ? "yes" : "no"));
        if (host != null) {
            out.println("name matches " + host + ": " + (decision.nameMatches() ? "yes" : "no"));
        }
        if (decision.accepted()) {
            out.println("OK");
            return ExitCodes.OK;
        }
        out.println("REFUSED:");
        for (TrustFailure reason : decision.reasons()) {
            out.println("  " + Failures.label(reason.kind()) + ": " + reason.message());
        }
        return ExitCodes.FAILED;
    }

    /** An ISO-8601 instant, offset date-time or date (midnight UTC). */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                // try the other forms
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                // try a date
            }
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expected an ISO-8601 instant such as 2030-01-01T00:00:00Z"
                        + " or a date such as 2030-01-01, was '" + value + "'");
            }
        }
    }
}
