package org.streamtls.samples.cli.internal;

import java.util.Objects;

import org.streamtls.samples.cli.Terminal;
import org.streamtls.transport.ShutdownSignal;

/**
 * What every command gets besides its arguments: the standard streams, and the signal that ends
 * long-running commands ({@code server}, {@code demo}) as Ctrl-C does.
 */
public record CliContext(Terminal terminal, ShutdownSignal stop) {

    public CliContext {
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(stop, "stop");
    }
}
