package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real TLS peer in its own process (openssl, gnutls-cli): started with a command line, fed on
 * stdin, watched on stdout+stderr, and always destroyed by {@link #close()} with bounded waits.
 *
 * <p>A missing binary skips the test with its reason on a developer's machine, and fails it when
 * the environment variable CI is "true" (CI installs the peers).
 */
final class ExternalPeer implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private ExternalPeer(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        this.process = pb.start();
        this.reader = new Thread(this::readOutput, "peer-output-" + command.get(0));
        reader.setDaemon(true);
        reader.start();
    }

    /** Skips (or under CI fails) the test when {@code binary} is not on the PATH. */
    static void require(String binary) {
        if (onPath(binary)) {
            return;
        }
        String reason = binary + " is not installed (run .ci/install-peers)";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + ": interop tests must run under CI");
        }
        Assumptions.abort(reason);
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, binary).canExecute()) {
                return true;
            }
        }
        return false;
    }

    static ExternalPeer start(List<String> command) throws IOException {
        return new ExternalPeer(command, Map.of());
    }

    /** Starts with extra environment variables (e.g. OPENSSL_CONF=/dev/null to lift the system's minimum version). */
    static ExternalPeer start(List<String> command, Map<String, String> environment) throws IOException {
        return new ExternalPeer(command, environment);
    }

    private void readOutput() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // process ended
        }
    }

    /** Waits until the output matches {@code regex}; returns the match's first group (or the whole match). */
    String await(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = p.matcher(output);
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive() && !reader.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        Matcher m = p.matcher(output);
        if (m.find()) {
            return m.groupCount() > 0 ? m.group(1) : m.group();
        }
        throw new AssertionError("peer output did not show /" + regex + "/ within " + timeout + "; output:\n" + output);
    }

    /** The port an openssl s_server printed ("ACCEPT 127.0.0.1:port"). */
    int awaitAcceptPort() throws InterruptedException {
        return Integer.parseInt(await("ACCEPT [^\\n]*:(\\d+)", Duration.ofSeconds(10)));
    }

    void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.ISO_8859_1));
        in.flush();
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("peer did not exit within " + timeout + "; output:\n" + output);
        }
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
