package org.streamtls.samples.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The demo's readable log: one line per event, with the seconds since the start and who speaks
 * ("Server", "Client 1"), e.g. {@code [  1.52 s] Client 1: Connected to localhost:41000 with TLS 1.3}.
 *
 * <p>Thread-safe: lines from the server's and the clients' threads never mix.
 */
public final class Transcript {

    private final PrintStream out;
    private final long start = System.nanoTime();

    public Transcript(PrintStream out) {
        this.out = out;
    }

    /** Prints one line for {@code who}. */
    public void say(String who, String line) {
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (out) {
            out.println(String.format(Locale.ROOT, "[%6.2f s] %s: %s", seconds, who, line));
            out.flush();
        }
    }

    /** A sink that prints each line for {@code who}. */
    public Consumer<String> as(String who) {
        return line -> say(who, line);
    }
}
