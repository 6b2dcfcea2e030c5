package org.streamtls.samples.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer program (openssl, curl, java -jar) run for one test: its standard output and error are
 * collected in the background (merged), waits are bounded, and {@link #close()} destroys it —
 * use it in try-with-resources so nothing outlives the test.
 */
public final class ExternalProcess implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread pump;

    private ExternalProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.pump = new Thread(this::pump, "pump-" + command.get(0));
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Starts the program in {@code dir}; standard error is merged into standard output. */
    public static ExternalProcess start(Path dir, String... command) throws IOException {
        Peers.require(command[0]);
        List<String> cmd = List.copyOf(Arrays.asList(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        return new ExternalProcess(cmd, p);
    }

    /** Runs the program to completion with this standard input, within the timeout; returns it. */
    public static ExternalProcess run(Path dir, byte[] stdin, Duration timeout, String... command) throws IOException {
        ExternalProcess p = start(dir, command);
        try (OutputStream in = p.stdin()) {
            in.write(stdin);
        } catch (IOException e) {
            // the program may exit without reading its input
        }
        p.waitFor(timeout);
        return p;
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                synchronized (output) {
                    output.write(buffer, 0, n);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The program's standard input. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Everything it printed so far (standard output and error). */
    public String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until its output satisfies the condition; fails the test after the timeout or if it exits first. */
    public String awaitOutput(Predicate<String> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                String text = output.toString(StandardCharsets.UTF_8);
                if (condition.test(text)) {
                    return text;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    fail(String.join(" ", command) + ": expected output did not appear in " + timeout + "; output:\n" + text);
                }
                if (!process.isAlive() && !pump.isAlive()) {
                    fail(String.join(" ", command) + " exited " + process.exitValue() + " early; output:\n" + text);
                }
                try {
                    output.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for the program to exit; fails the test (and destroys it) after the timeout. Returns its exit status. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                fail(String.join(" ", command) + " did not exit within " + timeout + "; output:\n" + output());
            }
            pump.join(2000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The exit status; the program must have exited. */
    public int exitValue() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Destroys the program (and its children), waiting at most a few seconds. */
    @Override
    public void close() {
        List<ProcessHandle> children = new ArrayList<>();
        process.descendants().forEach(children::add);
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
