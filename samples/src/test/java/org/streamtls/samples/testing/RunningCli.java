package org.streamtls.samples.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.streamtls.samples.cli.StreamTlsCommand;
import org.streamtls.samples.cli.Terminal;
import org.streamtls.transport.ShutdownSignal;

/**
 * A {@code streamtls} command line running in-process on its own thread (a server, or a client
 * fed through a pipe), with its output readable while it runs. {@link #close()} fires its stop
 * signal and waits for it, so nothing outlives the test.
 */
public final class RunningCli implements AutoCloseable {

    private final ShutdownSignal stop = new ShutdownSignal();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PipedOutputStream stdin = new PipedOutputStream();
    private final Thread thread;
    private final String[] args;
    private volatile Integer exitCode;

    private RunningCli(String... args) throws IOException {
        this.args = args;
        PipedInputStream in = new PipedInputStream(stdin, 64 * 1024);
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> {
            exitCode = StreamTlsCommand.execute(new Terminal(in, o, e), stop, args);
            o.flush();
            e.flush();
        }, "cli-" + args[0]);
        thread.setDaemon(true);
    }

    /** Starts the command line. */
    public static RunningCli start(String... args) throws IOException {
        RunningCli cli = new RunningCli(args);
        cli.thread.start();
        return cli;
    }

    /** Writes to the command's standard input. */
    public void type(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Ends the command's standard input. */
    public void endInput() throws IOException {
        stdin.close();
    }

    public String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until standard error matches; fails after the timeout or if the command ended first. */
    public String awaitErr(Predicate<String> condition, Duration timeout) {
        return await(this::err, condition, timeout, "standard error");
    }

    /** Waits until standard output matches; fails after the timeout or if the command ended first. */
    public String awaitOut(Predicate<String> condition, Duration timeout) {
        return await(this::out, condition, timeout, "standard output");
    }

    /** The port in the server's "Listening on ADDR:PORT" line. */
    public int awaitListeningPort() {
        Pattern p = Pattern.compile("Listening on \\S*:(\\d+)");
        String text = awaitErr(s -> p.matcher(s).find(), Duration.ofSeconds(20));
        Matcher m = p.matcher(text);
        m.find();
        return Integer.parseInt(m.group(1));
    }

    private String await(java.util.function.Supplier<String> source, Predicate<String> condition, Duration timeout,
                         String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = source.get();
            if (condition.test(text)) {
                return text;
            }
            if (!thread.isAlive() && condition.test(source.get()) == false) {
                fail("streamtls " + String.join(" ", args) + " ended (exit " + exitCode + ") before the expected "
                        + what + "; " + this);
            }
            if (System.nanoTime() > end) {
                fail("expected " + what + " did not appear within " + timeout + "; " + this);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits for the command to end by itself; fails (and stops it) after the timeout. */
    public int awaitExit(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (thread.isAlive()) {
            close();
            fail("streamtls " + String.join(" ", args) + " did not end within " + timeout + "; " + this);
        }
        return exitCode;
    }

    /** Fires the stop signal (Ctrl-C) and waits a bounded time for the command to end. */
    @Override
    public void close() {
        stop.signal();
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout:\n" + out() + "\n--- stderr:\n" + err();
    }
}
