package org.streamtls.samples.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The external peer programs (openssl, curl): a test whose peer is missing is skipped with the
 * reason on a developer's machine, and fails when CI=true (CI installs the peers).
 */
public final class Peers {

    private Peers() {
    }

    /** Skips (or, with CI=true, fails) the test unless the program is on the PATH. */
    public static void require(String program) {
        if (program.contains(File.separator)) {
            if (Files.isExecutable(Path.of(program))) {
                return;
            }
        }
        String path = System.getenv("PATH");
        if (path != null && !program.contains(File.separator)) {
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, program))) {
                    return;
                }
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(program + " is not installed, and CI=true requires it (bash .ci/install-peers installs it)");
        }
        assumeTrue(false, program + " is not installed: test skipped (bash .ci/install-peers installs it)");
    }
}
