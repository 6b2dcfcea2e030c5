package org.streamtls.samples.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.streamtls.samples.cli.StreamTlsCommand;
import org.streamtls.samples.cli.Terminal;
import org.streamtls.transport.ShutdownSignal;

/** Runs the {@code streamtls} command line in-process with captured streams. */
public final class Cli {

    /** What a run printed and its exit status. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs with empty standard input. */
    public static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), new ShutdownSignal(), args);
    }

    /** Runs with this standard input, ended by this signal if it runs long. */
    public static Result run(InputStream stdin, ShutdownSignal stop, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = StreamTlsCommand.execute(new Terminal(stdin, o, e), stop, args);
        o.flush();
        e.flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
