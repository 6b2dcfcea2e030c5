package org.streamtls.samples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamtls.samples.cli.ExitCodes;
import org.streamtls.samples.testing.Cli;

/**
 * The demo end to end through {@code streamtls demo}: its transcript tells every event of the
 * StreamSSL demo, in order for each client, and it exits with status 0. A second run finds the
 * certificates the first one created.
 */
class DemoTest {

    @TempDir
    Path dir;

    @Test
    void transcriptTellsEveryEventAndTheDemoExitsZero() throws Exception {
        Path store = dir.resolve("demo-store");
        Cli.Result r = Cli.run("demo", "--port", "0", "--store", store.toString(), "--pause", "450ms");
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        String t = r.out();
        String host = Demo.hostName(new Transcript(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));

        // The embedded store, created on this first run.
        has(t, "Store: CA certificate: created CN=StreamTLS Demo CA");
        assertTrue(Files.exists(store.resolve("ca.pem")) && Files.exists(store.resolve("ca.key.pem")));
        assertTrue(Files.exists(store.resolve("server-localhost.pem")));
        assertTrue(Files.exists(store.resolve("server-" + host + ".pem")));
        assertTrue(Files.exists(store.resolve("client.pem")));

        for (String[] c : List.of(new String[] {"Client 1", "localhost"}, new String[] {"Client 2", host})) {
            String client = c[0];
            String name = c[1];
            // Server certificate requested for NAME, and which one was created.
            has(t, "Server: server certificate requested for " + name + ";");
            has(t, "Server: server certificate for " + name + ": created CN=" + name + " issued by CN=StreamTLS Demo CA");
            // Trusted and name-matches results; Connected … TLS 1.3.
            has(t, client + ": server certificate CN=" + name + ": trusted yes, name matches " + name + " yes");
            has(t, client + ": Connected to " + name + ":");
            assertTrue(Pattern.compile(client + ": Connected to " + Pattern.quote(name) + ":\\d+ with TLS 1\\.3 \\(")
                    .matcher(t).find(), t);
            // Client certificate requested, with the server's issuer list (the demo CA), and which one was selected.
            has(t, client + ": client certificate requested, with an issuer list: CN=StreamTLS Demo CA");
            has(t, client + ": client certificate selected: CN=StreamTLS Demo Client issued by CN=StreamTLS Demo CA");
            // The greetings, each way, in order.
            inOrder(t, client + ": sending \"Hello from client\"",
                    client + ": received \"Hello from server\"",
                    client + ": sending \"Hello again from client\"",
                    client + ": received \"Goodbye from server\"",
                    client + ": Shutting down TLS",
                    client + ": sending unencrypted \"First unencrypted block from client\"",
                    client + ": sending unencrypted \"Second unencrypted block from client\"",
                    client + ": received unencrypted \"Unencrypted reply from server\"",
                    client + ": done, connection closed");
        }
        // The server's side of each dialogue.
        String server = section(t, "Client 1: connecting", "Client 2: connecting");
        inOrder(server, "Server: Connected with TLS 1.3",
                "Server: client certificate CN=StreamTLS Demo Client: trusted yes",
                "Server: received \"Hello from client\"",
                "Server: sending \"Hello from server\"",
                "Server: received \"Hello again from client\"",
                "Server: sending \"Goodbye from server\"",
                "Server: TLS ended by the client (close_notify received)",
                "Server: continuing in plaintext on the same TCP connection",
                "Server: receive timed out, retrying",
                "Server: received unencrypted \"First unencrypted block from client\"",
                "Server: receive timed out, retrying",
                "Server: received unencrypted \"Second unencrypted block from client\"",
                "Server: sending unencrypted \"Unencrypted reply from server\"");
        assertEquals(2, count(t, "Server: TLS ended by the client (close_notify received)"), t);
        assertTrue(count(t, "Server: receive timed out, retrying") >= 4, t);
        assertEquals(2, count(t, "Server: received unencrypted \"Second unencrypted block from client\""), t);
        has(t, "Demo: finished: 2 of 2 clients completed, 2 of 2 server connections completed");
        assertFalse(t.contains("FAILED"), t);

        // Second run: the certificates are found, not created again.
        Cli.Result again = Cli.run("demo", "--port", "0", "--store", store.toString(), "--pause", "200ms");
        assertEquals(ExitCodes.OK, again.exitCode(), again::toString);
        has(again.out(), "Store: CA certificate: found CN=StreamTLS Demo CA");
        has(again.out(), "Server: server certificate for localhost: found CN=localhost");
        has(again.out(), "Client 1: client certificate: found CN=StreamTLS Demo Client");
        assertFalse(again.out().contains(": created "), again::toString);
    }

    @Test
    void busyPortFailsWithAMessageNamingIt() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run("demo", "--port", String.valueOf(taken.getLocalPort()),
                    "--store", dir.resolve("s").toString());
            assertEquals(ExitCodes.FAILED, r.exitCode(), r::toString);
            assertTrue(r.err().contains(String.valueOf(taken.getLocalPort())), r::toString);
        }
    }

    private static void has(String text, String expected) {
        assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in:\n" + text);
    }

    private static void inOrder(String text, String... expected) {
        int from = 0;
        for (String e : expected) {
            int at = text.indexOf(e, from);
            assertTrue(at >= 0, () -> "missing \"" + e + "\" (in this order) in:\n" + text);
            from = at + e.length();
        }
    }

    private static String section(String text, String from, String to) {
        int a = text.indexOf(from);
        int b = text.indexOf(to);
        assertTrue(a >= 0 && b > a, text);
        return text.substring(a, b);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
