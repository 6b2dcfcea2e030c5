package org.streamtls.samples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Objects;

import org.streamtls.samples.cli.internal.CliContext;
import org.streamtls.samples.cli.internal.CommandFactory;
import org.streamtls.transport.ShutdownSignal;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code streamtls} command line: the demo, an {@code openssl s_server}/{@code s_client}-like
 * server and client, certificate creation and inspection, and chain verification.
 *
 * <pre>
 * java -jar samples/target/streamtls.jar demo
 * java -jar samples/target/streamtls.jar server --port 8443 --www
 * java -jar samples/target/streamtls.jar client localhost:8443 --trust ca.pem
 * java -jar samples/target/streamtls.jar cert create --cn localhost --out server.p12 --pass env:PASS
 * java -jar samples/target/streamtls.jar verify --trust ca.pem --host localhost chain.pem
 * </pre>
 *
 * <p>Exit statuses ({@link ExitCodes}): 0 success, 1 failure (the reason is printed), 2 a bad
 * command line (the message names the flag and what it expects). Every subcommand has
 * {@code --help}.
 *
 * <p>{@link #execute} runs the whole command line in-process with the given streams, as tests do.
 */
@Command(name = "streamtls",
        mixinStandardHelpOptions = true,
        versionProvider = StreamTlsCommand.Version.class,
        description = "A pure-Java TLS 1.2/1.3 client, server and certificate tool (StreamTLS).",
        subcommands = {
            DemoCommand.class,
            ServerCommand.class,
            ClientCommand.class,
            CertCommand.class,
            VerifyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class StreamTlsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its status; Ctrl-C ends a running server or demo cleanly. */
    public static void main(String[] args) {
        ShutdownSignal stop = new ShutdownSignal();
        Thread hook = new Thread(stop::signal, "streamtls-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = execute(Terminal.system(), stop, args);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one command line and returns its exit status ({@link ExitCodes}).
     *
     * @param terminal the standard streams the command uses
     * @param stop ends a long-running command (server, demo) when signalled, as Ctrl-C does
     */
    public static int execute(Terminal terminal, ShutdownSignal stop, String... args) {
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(stop, "stop");
        CliContext context = new CliContext(terminal, stop);
        CommandLine cli = new CommandLine(new StreamTlsCommand(), new CommandFactory(context));
        Charset charset = Charset.defaultCharset();
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(terminal.out(), charset), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(terminal.err(), charset), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(StreamTlsCommand::badCommandLine);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, commandLine, terminal));
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing subcommand: expected one of demo, server, client, cert, verify");
    }

    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Usage: " + cmd.getHelp().synopsis(0).strip());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failed(Exception e, CommandLine commandLine, Terminal terminal) {
        String name = commandLine.getCommandSpec().qualifiedName();
        if (e instanceof IOException) {
            terminal.err().println(name + ": " + e.getMessage());
        } else {
            terminal.err().println(name + ": internal error: " + e);
            e.printStackTrace(terminal.err());
        }
        terminal.err().flush();
        return ExitCodes.FAILED;
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = StreamTlsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"streamtls " + (v == null ? "(development build)" : v)};
        }
    }
}
