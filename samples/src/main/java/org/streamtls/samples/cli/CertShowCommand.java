package org.streamtls.samples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;
import org.streamtls.certstore.Pkcs12Files;
import org.streamtls.samples.cli.internal.CertificateDescription;
import org.streamtls.samples.cli.internal.CliContext;
import org.streamtls.samples.cli.internal.IdentityFiles;
import org.streamtls.samples.cli.internal.Password;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamtls cert show FILE}: every certificate of a PEM or PKCS#12 file, readably. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = "Shows every certificate of a PEM file or of a PKCS#12 file's key entries:"
                + " subject, issuer, validity, key, names, usages, CA flag, SHA-256 fingerprint.")
final class CertShowCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .pem/.crt file, or a .p12/.pfx file with --pass.")
    Path file;

    @Option(names = "--pass", paramLabel = "PASS", converter = Password.Converter.class,
            description = "Password of a .p12 file (PASS, pass:PASS, env:VAR or file:PATH).")
    Password password;

    CertShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.terminal().out();
        List<X509Certificate> certificates;
        String what;
        if (IdentityFiles.isPkcs12(file)) {
            if (password == null) {
                throw new ParameterException(spec.commandLine(),
                        "Missing option '--pass': PKCS#12 file " + file + " needs its password");
            }
            List<Identity> identities = Pkcs12Files.read(file, password.chars());
            certificates = new java.util.ArrayList<>();
            for (Identity identity : identities) {
                certificates.addAll(identity.chain());
            }
            what = identities.size() + " key entr" + (identities.size() == 1 ? "y" : "ies");
        } else {
            certificates = PemFiles.readCertificates(file);
            what = "PEM";
        }
        out.println(file + " (" + what + "): " + certificates.size() + " certificate"
                + (certificates.size() == 1 ? "" : "s"));
        Instant now = Instant.now();
        for (int i = 0; i < certificates.size(); i++) {
            out.println("Certificate " + (i + 1) + " of " + certificates.size() + ":");
            out.print(CertificateDescription.describe(certificates.get(i), now, "  "));
        }
        return ExitCodes.OK;
    }
}
