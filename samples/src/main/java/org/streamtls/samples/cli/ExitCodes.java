package org.streamtls.samples.cli;

/**
 * The exit statuses of the {@code streamtls} commands, the same for every subcommand.
 */
public final class ExitCodes {

    /** Success: the chain is trusted, the handshake and the exchange completed, the file was written. */
    public static final int OK = 0;
    /**
     * The work failed: a refused certificate, a failed handshake, an unreadable file, a lost
     * connection. The reason is printed on standard error (for {@code verify}, on standard output).
     */
    public static final int FAILED = 1;
    /** The command line was wrong: an unknown flag or a bad value; the message names the flag. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
