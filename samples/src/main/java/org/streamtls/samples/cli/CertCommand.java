package org.streamtls.samples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamtls cert create|show}: makes and shows certificates. */
@Command(name = "cert",
        mixinStandardHelpOptions = true,
        description = "Creates and shows certificates (PEM or PKCS#12).",
        subcommands = {CertCreateCommand.class, CertShowCommand.class})
final class CertCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: expected create or show");
    }
}
