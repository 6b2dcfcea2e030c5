package org.streamtls.samples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;
import org.streamtls.samples.cli.internal.CertificateDescription;
import org.streamtls.samples.cli.internal.CliContext;
import org.streamtls.samples.cli.internal.IdentityFiles;
import org.streamtls.samples.cli.internal.Password;
import org.streamtls.samples.cli.internal.SubjectAltNames;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamtls cert create}: a new key and certificate, self-signed or signed by a CA, saved
 * as PKCS#12 or as a PEM chain plus a PEM key (certstore's {@link CertificateBuilder} does the work).
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a key and a certificate, self-signed or signed by --ca, and saves them.",
            "FILE.p12 (or .pfx) gets the key and the chain under --pass; FILE.pem gets the chain,"
                + " and the key goes to --key-out (default FILE.key.pem, unencrypted unless --pass,"
                + " readable by its owner only)."
        })
final class CertCreateCommand implements Callable<Integer> {

    /** Key types by their command-line names. */
    enum KeyTypeName {
        ec(KeyType.EC_P256), rsa(KeyType.RSA_2048), rsa3072(KeyType.RSA_3072), ed25519(KeyType.ED25519);

        final KeyType type;

        KeyTypeName(KeyType type) {
            this.type = type;
        }
    }

    /** What the certificate may be used for (its extended key usage). */
    enum Usage { server, client, both }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--cn", required = true, paramLabel = "NAME", description = "The subject's common name.")
    String commonName;

    @Option(names = "--san", paramLabel = "DNS:x,IP:y", converter = SubjectAltNames.Converter.class,
            description = "Subject alternative names, comma-separated. Default: the common name when it is"
                    + " a host name or IP address.")
    SubjectAltNames subjectAltNames;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "The CA that signs the new certificate: a .p12 file, or a PEM certificate with"
                    + " its key (--ca-key). Default: self-signed.")
    Path caFile;

    @Option(names = "--ca-key", paramLabel = "PEM",
            description = "The CA's PEM key file. Default: CA.key.pem beside a PEM --ca, else the --ca file itself.")
    Path caKeyFile;

    @Option(names = "--ca-pass", paramLabel = "PASS", converter = Password.Converter.class,
            description = "Password of the CA's .p12 file or encrypted key (PASS, pass:PASS, env:VAR or file:PATH).")
    Password caPassword;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30",
            description = "Days the certificate is valid, from now. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec",
            description = "ec (P-256), rsa (2048 bits), rsa3072 or ed25519. Default: ${DEFAULT-VALUE}.")
    KeyTypeName keyType;

    @Option(names = "--is-ca", description = "Make a certificate authority (basicConstraints CA:TRUE, keyCertSign).")
    boolean certificateAuthority;

    @Option(names = "--purpose", paramLabel = "USE", defaultValue = "both",
            description = "Extended key usage of a leaf: server, client or both. Default: ${DEFAULT-VALUE}.")
    Usage purpose;

    @Option(names = "--out", required = true, paramLabel = "FILE.p12|FILE.pem",
            description = "Where to save: .p12/.pfx for PKCS#12, .pem (or .crt) for PEM.")
    Path out;

    @Option(names = "--key-out", paramLabel = "FILE", description = "The PEM key file. Default: FILE.key.pem beside --out.")
    Path keyOut;

    @Option(names = "--pass", paramLabel = "PASS", converter = Password.Converter.class,
            description = "Password of a .p12 output (required), or encrypts a PEM key (PASS, pass:PASS, env:VAR or file:PATH).")
    Password password;

    CertCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--days': expected a number of days >= 1, was " + days);
        }
        boolean pkcs12 = IdentityFiles.isPkcs12(out);
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!pkcs12 && !name.endsWith(".pem") && !name.endsWith(".crt")) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--out': expected a file ending in .p12, .pfx, .pem or .crt, was '" + out + "'");
        }
        if (pkcs12 && (password == null || password.chars().length == 0)) {
            throw new ParameterException(spec.commandLine(),
                    "Missing option '--pass': a PKCS#12 output (" + out + ") needs a non-empty password");
        }
        Path keyFile = pkcs12 ? null : keyOut != null ? keyOut : IdentityFiles.keyFileBeside(out);
        if (keyFile != null && keyFile.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--key-out': expected a file other than --out, was '" + keyOut + "'");
        }
        if (caFile == null && (caKeyFile != null || caPassword != null)) {
            throw new ParameterException(spec.commandLine(), "Options '--ca-key' and '--ca-pass' need '--ca FILE'");
        }

        PrintStream err = context.terminal().err();
        Identity issuer = null;
        if (caFile != null) {
            issuer = IdentityFiles.load(caFile, caKeyFile, Password.charsOf(caPassword));
            if (issuer.leaf().getBasicConstraints() < 0) {
                err.println("warning: " + issuer.leaf().getSubjectX500Principal().getName()
                        + " is not a CA certificate (no basicConstraints CA:TRUE): verifiers will refuse what it signs");
            }
        }
        CertificateBuilder builder = CertificateBuilder.create()
                .commonName(commonName)
                .keyType(keyType.type)
                .validFor(Duration.ofDays(days));
        SubjectAltNames names = subjectAltNames != null ? subjectAltNames
                : certificateAuthority ? new SubjectAltNames(java.util.List.of(), java.util.List.of())
                : SubjectAltNames.fromCommonName(commonName);
        names.addTo(builder);
        if (certificateAuthority) {
            builder.certificateAuthority(-1);
        } else {
            if (purpose != Usage.client) {
                builder.serverAuth();
            }
            if (purpose != Usage.server) {
                builder.clientAuth();
            }
        }
        if (issuer != null) {
            builder.signedBy(issuer);
        }
        err.println("Generating " + keyName(keyType.type) + " key and certificate for CN="
                + commonName + (keyType.type.algorithm().equals("RSA") ? " (RSA keys take a moment)..." : "..."));
        Identity identity = builder.build();
        IdentityFiles.save(identity, out, keyFile, Password.charsOf(password));

        PrintStream o = context.terminal().out();
        o.println("Created " + (certificateAuthority ? "CA certificate " : "certificate ")
                + identity.leaf().getSubjectX500Principal().getName()
                + (issuer == null ? " (self-signed)" : ", signed by " + issuer.leaf().getSubjectX500Principal().getName()));
        o.print(CertificateDescription.describe(identity.leaf(), java.time.Instant.now(), "  "));
        if (pkcs12) {
            o.println("Saved key and chain (" + identity.chain().size() + " certificate"
                    + (identity.chain().size() == 1 ? "" : "s") + ") to " + out);
        } else {
            o.println("Saved chain (" + identity.chain().size() + " certificate"
                    + (identity.chain().size() == 1 ? "" : "s") + ") to " + out);
            o.println("Saved private key" + (password != null ? " (encrypted)" : "") + " to " + keyFile);
        }
        return ExitCodes.OK;
    }

    /** "an EC P-256", "an RSA 2048-bit", "an Ed25519". */
    private static String keyName(KeyType type) {
        switch (type) {
            case EC_P256: return "an EC P-256";
            case RSA_2048: return "an RSA 2048-bit";
            case RSA_3072: return "an RSA 3072-bit";
            default: return "an " + type.algorithm();
        }
    }
}
