package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command line for cross-checks. Missing binary: the test is skipped with
 * the reason on a developer's machine, and fails when CI=true (CI installs it).
 */
final class OpenSsl {

    record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    static void require() {
        boolean present = false;
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, "openssl"))) {
                    present = true;
                    break;
                }
            }
        }
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("openssl is not installed, and CI=true requires it");
            }
            assumeTrue(false, "openssl is not installed: OpenSSL cross-check skipped");
        }
    }

    /** Runs openssl with the arguments; fails the test on a non-zero exit, showing its output. */
    static String run(Path dir, String... args) {
        Result r = tryRun(dir, args);
        if (r.exitCode() != 0) {
            fail("openssl " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }

    static Result tryRun(Path dir, String... args) {
        require();
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("openssl " + String.join(" ", args) + " did not finish in 30 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
