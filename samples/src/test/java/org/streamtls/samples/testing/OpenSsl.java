package org.streamtls.samples.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code openssl} commands that make test certificates; fails the test on an error exit. */
public final class OpenSsl {

    private OpenSsl() {
    }

    /** Runs openssl with the arguments in {@code dir}; returns its output. */
    public static String run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(Arrays.asList(args));
        try (ExternalProcess p = ExternalProcess.run(dir, new byte[0], Duration.ofSeconds(30),
                command.toArray(new String[0]))) {
            if (p.exitValue() != 0) {
                fail(p + " exited " + p.exitValue() + ":\n" + p.output());
            }
            return p.output();
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl: " + e.getMessage(), e);
        }
    }
}
