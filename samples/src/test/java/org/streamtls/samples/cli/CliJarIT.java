package org.streamtls.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamtls.samples.testing.ExternalProcess;

/**
 * The packaged jar, {@code samples/target/streamtls.jar}, run with {@code java -jar} as a user
 * runs it. Runs in the integration-test phase, after "package" built the jar.
 */
class CliJarIT {

    static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        String path = System.getProperty("streamtls.jar");
        assertTrue(path != null, "the build passes the jar's path in the streamtls.jar system property");
        jar = Path.of(path);
        assertTrue(Files.isRegularFile(jar), jar + " was not built by the package phase");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private ExternalProcess run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return ExternalProcess.run(dir, new byte[0], Duration.ofSeconds(60), command.toArray(new String[0]));
    }

    @Test
    void jarHasAMainClassAndNoStaleSignatureFiles() throws IOException {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            assertEquals("org.streamtls.samples.cli.StreamTlsCommand",
                    jarFile.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> signatures = new ArrayList<>();
            for (JarEntry e : java.util.Collections.list(jarFile.entries())) {
                String n = e.getName();
                if (n.startsWith("META-INF/") && n.indexOf('/', 9) < 0
                        && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC"))) {
                    signatures.add(n);
                }
            }
            assertEquals(List.of(), signatures);
            // BouncyCastle and picocli are inside.
            assertTrue(jarFile.getEntry("org/bouncycastle/tls/TlsClientProtocol.class") != null);
            assertTrue(jarFile.getEntry("picocli/CommandLine.class") != null);
        }
    }

    @Test
    void createShowAndVerifyThroughJavaDashJar() throws IOException {
        try (ExternalProcess ca = run("cert", "create", "--cn", "Jar CA", "--is-ca", "--out", "ca.pem")) {
            assertEquals(0, ca.exitValue(), ca::output);
        }
        try (ExternalProcess leaf = run("cert", "create", "--cn", "jar.test", "--ca", "ca.pem", "--out", "leaf.pem")) {
            assertEquals(0, leaf.exitValue(), leaf::output);
        }
        try (ExternalProcess show = run("cert", "show", "leaf.pem")) {
            assertEquals(0, show.exitValue(), show::output);
            assertTrue(show.output().contains("Issuer:             CN=Jar CA"), show::output);
        }
        try (ExternalProcess ok = run("verify", "--trust", "ca.pem", "--host", "jar.test", "leaf.pem")) {
            assertEquals(0, ok.exitValue(), ok::output);
        }
        try (ExternalProcess wrong = run("verify", "--trust", "ca.pem", "--host", "other.test", "leaf.pem")) {
            assertEquals(1, wrong.exitValue(), wrong::output);
            assertTrue(wrong.output().contains("(covers: jar.test)"), wrong::output);
        }
        try (ExternalProcess bad = run("verify", "--purpose", "nobody", "leaf.pem")) {
            assertEquals(2, bad.exitValue(), bad::output);
            assertTrue(bad.output().contains("--purpose"), bad::output);
        }
    }

    @Test
    void jarClientTalksToJarServerInEchoMode() throws Exception {
        List<String> serverCommand = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "server", "--port", "0",
                "--echo", "--accept-count", "1", "--demo-store", dir.resolve("store").toString()));
        try (ExternalProcess server = ExternalProcess.start(dir, serverCommand.toArray(new String[0]))) {
            java.util.regex.Pattern listening = java.util.regex.Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
            String text = server.awaitOutput(s -> listening.matcher(s).find(), Duration.ofSeconds(30));
            java.util.regex.Matcher m = listening.matcher(text);
            m.find();
            String port = m.group(1);
            try (ExternalProcess client = ExternalProcess.run(dir, "ping over TLS\n".getBytes(), Duration.ofSeconds(30),
                    java(), "-jar", jar.toString(), "client", "localhost:" + port,
                    "--trust", dir.resolve("store").resolve("ca.pem").toString(), "--receive-timeout", "1s")) {
                assertEquals(0, client.exitValue(), client::output);
                assertTrue(client.output().contains("ping over TLS\n"), client::output);
                assertTrue(client.output().contains("Verdict: trusted yes, name matches yes"), client::output);
            }
            assertEquals(0, server.waitFor(Duration.ofSeconds(20)), server::output);
            assertTrue(server.output().contains("[#1] echoed 14 bytes (TLS)"), server::output);
        }
    }

    @Test
    void demoRunsFromTheJarAndExitsZero() throws IOException {
        try (ExternalProcess demo = run("demo", "--port", "0", "--store", "demo-store", "--pause", "300ms")) {
            assertEquals(0, demo.exitValue(), demo::output);
            assertTrue(demo.output().contains("Demo: finished: 2 of 2 clients completed"), demo::output);
        }
    }

    @Test
    void streamServerAndStreamClientRunSeparately() throws Exception {
        String store = dir.resolve("separate").toString();
        try (ExternalProcess server = ExternalProcess.start(dir, java(), "-cp", jar.toString(),
                "org.streamtls.samples.demo.StreamServer", "0", store)) {
            java.util.regex.Pattern listening = java.util.regex.Pattern.compile("Server: listening on 127\\.0\\.0\\.1:(\\d+)");
            String text = server.awaitOutput(s -> listening.matcher(s).find(), Duration.ofSeconds(30));
            java.util.regex.Matcher m = listening.matcher(text);
            m.find();
            try (ExternalProcess client = ExternalProcess.run(dir, new byte[0], Duration.ofSeconds(30), java(), "-cp",
                    jar.toString(), "org.streamtls.samples.demo.StreamClient", "localhost", m.group(1), store)) {
                assertEquals(0, client.exitValue(), client::output);
                assertTrue(client.output().contains("Client: received unencrypted \"Unencrypted reply from server\""),
                        client::output);
            }
            server.awaitOutput(s -> s.contains("Server: the client closed the connection"), Duration.ofSeconds(10));
            assertTrue(server.isAlive(), "the server keeps running until Ctrl-C");
        }
    }
}
