package org.streamtls.samples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.streamtls.samples.cli.internal.CliContext;
import org.streamtls.samples.cli.internal.DurationConverter;
import org.streamtls.samples.demo.Demo;
import org.streamtls.samples.demo.DemoStore;
import org.streamtls.samples.demo.StreamServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamtls demo}: the StreamSSL demo — StreamServer and its own StreamClients — with a transcript. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the StreamSSL demo: a TLS server on localhost and two clients (to \"localhost\" and to this",
            "machine's host name) that exchange greetings, shut TLS down and go on in plaintext, telling every step.",
            "Certificates come from a local store created on first run. Exit status 0 when everything completed."
        })
final class DemoCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + StreamServer.DEFAULT_PORT,
            description = "The server's port on localhost; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--store", paramLabel = "DIR",
            description = "The folder of the demo's certificates (CA, server, client). Default: ~/.streamtls/demo.")
    Path store;

    @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "1500ms", converter = DurationConverter.class,
            description = "The clients' pause before each unencrypted block. Default: ${DEFAULT-VALUE}.")
    Duration pause;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--port': expected a port 0..65535, was " + port);
        }
        Path folder = store != null ? store : DemoStore.defaultFolder();
        boolean ok = Demo.run(port, folder, pause, context.terminal().out(), context.stop());
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
