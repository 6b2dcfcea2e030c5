package org.streamtls.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.streamtls.samples.testing.Cli;

/** Every subcommand has --help; bad flags and values are refused with a message naming them. */
class CliUsageTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "cert", "cert create", "cert show", "verify"})
    void everyCommandHasHelp(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--help";
        Cli.Result r = Cli.run(args);
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: streamtls" + (command.isEmpty() ? "" : " " + command)), r::toString);
        assertTrue(r.out().contains("--help"), r::toString);
    }

    @Test
    void unknownFlagIsNamed() {
        Cli.Result r = Cli.run("verify", "--hots", "x", "chain.pem");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Unknown option") && r.err().contains("'--hots'"), r::toString);
        assertTrue(r.err().contains("--host"), "suggests the near flag: " + r);
        assertTrue(r.err().contains("Try 'streamtls verify --help'"), r::toString);
    }

    @Test
    void badEnumValueListsTheChoices() {
        Cli.Result r = Cli.run("verify", "--purpose", "email", "chain.pem");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("'--purpose'") && r.err().contains("[server, client]"), r::toString);
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Missing subcommand"), r::toString);
        Cli.Result cert = Cli.run("cert");
        assertEquals(ExitCodes.USAGE, cert.exitCode(), cert::toString);
        assertTrue(cert.err().contains("expected create or show"), cert::toString);
    }

    @Test
    void versionIsPrinted() {
        Cli.Result r = Cli.run("--version");
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("streamtls "), r::toString);
    }
}
