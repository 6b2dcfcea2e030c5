package org.streamtls.samples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The three standard streams a command works with. {@link #system()} for the real program; tests
 * pass their own streams to run the CLI in-process.
 *
 * @param in what the user types or pipes in (the {@code client} command sends it to the server)
 * @param out results: what a server sent, a certificate's description, a verdict
 * @param err diagnostics: progress, the handshake summary, errors
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err) {

    public Terminal {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** {@code System.in}, {@code System.out} and {@code System.err}. */
    public static Terminal system() {
        return new Terminal(System.in, System.out, System.err);
    }
}
