package org.streamtls.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.samples.testing.Cli;
import org.streamtls.samples.testing.ExternalProcess;
import org.streamtls.samples.testing.Peers;
import org.streamtls.samples.testing.RunningCli;
import org.streamtls.tls.TlsClient;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsVersion;
import org.streamtls.transport.Connection;

/**
 * {@code streamtls server}: {@code openssl s_client} against it in TLS 1.2 and 1.3 (echo mode),
 * {@code curl --cacert} against {@code --www}, plaintext after close_notify, client
 * authentication, and the embedded demo store it uses without a certificate.
 */
class ServerCommandTest {

    @TempDir
    Path dir;

    private String store() {
        return dir.resolve("store").toString();
    }

    private Path caFile() {
        return dir.resolve("store").resolve("ca.pem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.3"})
    void openSslClientGetsItsBytesEchoed(String version) throws Exception {
        Peers.require("openssl");
        try (RunningCli server = RunningCli.start("server", "--port", "0", "--echo", "--tls", version,
                "--accept-count", "1", "--demo-store", store())) {
            int port = server.awaitListeningPort();
            assertTrue(server.err().contains("CA certificate: created CN=StreamTLS Demo CA"), server::toString);
            try (ExternalProcess sClient = ExternalProcess.start(dir, "openssl", "s_client",
                    "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-verify_hostname", "localhost",
                    "-CAfile", caFile().toString(), "-verify_return_error")) {
                sClient.awaitOutput(s -> s.contains("Verify return code: 0 (ok)"), Duration.ofSeconds(15));
                sClient.stdin().write("echo me, please\n".getBytes(StandardCharsets.UTF_8));
                sClient.stdin().flush();
                sClient.awaitOutput(s -> s.indexOf("echo me, please") >= 0, Duration.ofSeconds(10));
                sClient.stdin().close();   // s_client sends close_notify at the end of its input
                assertEquals(0, sClient.waitFor(Duration.ofSeconds(10)), sClient::output);
                assertTrue(sClient.output().contains(", TLSv" + version + ", Cipher is "), sClient::output);
            }
            assertEquals(ExitCodes.OK, server.awaitExit(Duration.ofSeconds(15)), server::toString);
            String log = server.err();
            assertTrue(log.contains("server certificate requested for localhost"), log);
            assertTrue(log.contains("server certificate for localhost: created CN=localhost issued by CN=StreamTLS Demo CA"), log);
            assertTrue(log.contains("[#1] handshake done: TLSv" + version + " "), log);
            assertTrue(log.contains("sni=localhost"), log);
            assertTrue(log.contains("[#1] echoed 16 bytes (TLS)"), log);
            assertTrue(log.contains("[#1] the client ended TLS (close_notify received)"), log);
            assertTrue(log.contains("Stopped after 1 connection"), log);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.3"})
    void curlGetsAPageNamingTheProtocolSuiteAndSni(String version) throws Exception {
        Peers.require("curl");
        try (RunningCli server = RunningCli.start("server", "--port", "0", "--www", "--tls", version,
                "--accept-count", "1", "--demo-store", store())) {
            int port = server.awaitListeningPort();
            try (ExternalProcess curl = ExternalProcess.run(dir, new byte[0], Duration.ofSeconds(20), "curl", "-sS",
                    "--cacert", caFile().toString(), "--resolve", "localhost:" + port + ":127.0.0.1",
                    "https://localhost:" + port + "/status")) {
                assertEquals(0, curl.exitValue(), curl::output);
                String page = curl.output();
                assertTrue(page.contains("<tr><td>Protocol</td><td>TLSv" + version + "</td></tr>"), page);
                assertTrue(page.contains("<tr><td>SNI</td><td>localhost</td></tr>"), page);
                assertTrue(page.contains("<tr><td>Request</td><td>GET /status HTTP/1.1</td></tr>"), page);
                String suitePrefix = version.equals("1.3") ? "<tr><td>Cipher suite</td><td>TLS_AES_"
                        : "<tr><td>Cipher suite</td><td>TLS_ECDHE_ECDSA_WITH_";
                assertTrue(page.contains(suitePrefix), page);
            }
            assertEquals(ExitCodes.OK, server.awaitExit(Duration.ofSeconds(15)), server::toString);
            assertTrue(server.err().contains("[#1] HTTP request: GET /status HTTP/1.1"), server::toString);
        }
    }

    @Test
    void goesOnInPlaintextAfterTheClientsCloseNotify() throws Exception {
        try (RunningCli server = RunningCli.start("server", "--port", "0", "--echo", "--plaintext-after-close",
                "--accept-count", "1", "--demo-store", store())) {
            int port = server.awaitListeningPort();
            TlsClientConfig config = TlsClientConfig.builder()
                    .trustVerifier(PkixTrustVerifier.builder().trustAnchors(TrustAnchors.pemBundle(caFile())).build())
                    .build();
            try (TlsConnection tls = TlsClient.connect("localhost", port, config)) {
                assertEquals(TlsVersion.TLS_1_3, tls.session().version());
                send(tls, "secret");
                assertEquals("secret", receive(tls, 6));
                try (Connection plain = tls.shutdownTls()) {
                    send(plain, "in the clear");
                    assertEquals("in the clear", receive(plain, 12));
                    plain.shutdownOutput();
                    byte[] end = new byte[1];
                    assertEquals(-1, plain.receive(end, 0, 1));
                }
            }
            assertEquals(ExitCodes.OK, server.awaitExit(Duration.ofSeconds(15)), server::toString);
            String log = server.err();
            assertTrue(log.contains("[#1] echoed 6 bytes (TLS)"), log);
            assertTrue(log.contains("[#1] TLS shut down both ways; continuing in plaintext"), log);
            assertTrue(log.contains("[#1] echoed 12 bytes (plaintext)"), log);
            assertTrue(log.contains("[#1] the client closed the plaintext connection"), log);
        }
    }

    @Test
    void requiresAndVerifiesAClientCertificate() throws Exception {
        // The demo store's client certificate, made by the CLI's own cert command under the same CA.
        try (RunningCli server = RunningCli.start("server", "--port", "0", "--client-auth", "need",
                "--accept-count", "2", "--demo-store", store())) {
            int port = server.awaitListeningPort();
            Path store = dir.resolve("store");
            assertEquals(ExitCodes.OK, Cli.run("cert", "create", "--cn", "alice", "--purpose", "client",
                    "--ca", store.resolve("ca.pem").toString(), "--out", dir.resolve("alice.pem").toString()).exitCode());
            try (RunningCli client = RunningCli.start("client", "localhost:" + port, "--trust", caFile().toString(),
                    "--cert", dir.resolve("alice.pem").toString(), "--key", dir.resolve("alice.key.pem").toString(),
                    "--receive-timeout", "300ms")) {
                client.type("from alice\n");
                server.awaitOut(s -> s.contains("from alice\n"), Duration.ofSeconds(10));
                client.endInput();
                assertEquals(ExitCodes.OK, client.awaitExit(Duration.ofSeconds(15)), client::toString);
            }
            assertTrue(server.err().contains("[#1] client certificate: CN=alice issued by CN=StreamTLS Demo CA (trusted)"),
                    server::toString);

            // Without a certificate the server refuses the client.
            try (RunningCli anonymous = RunningCli.start("client", "localhost:" + port, "--trust", caFile().toString(),
                    "--receive-timeout", "300ms")) {
                anonymous.type("anyone?\n");
                anonymous.endInput();
                assertEquals(ExitCodes.FAILED, anonymous.awaitExit(Duration.ofSeconds(15)), anonymous::toString);
                assertTrue(anonymous.err().contains("certificate_required"), anonymous::toString);
            }
            assertEquals(ExitCodes.OK, server.awaitExit(Duration.ofSeconds(15)), server::toString);
            assertTrue(server.err().contains("[#2] failed: client certificate refused"), server::toString);
        }
    }

    @Test
    void printModeShowsWhatTheClientSendsAndSendsWhatIsTyped() throws Exception {
        try (RunningCli server = RunningCli.start("server", "--port", "0", "--accept-count", "1",
                "--demo-store", store())) {
            int port = server.awaitListeningPort();
            try (RunningCli client = RunningCli.start("client", "localhost:" + port, "--trust", caFile().toString(),
                    "--receive-timeout", "300ms")) {
                client.type("typed at the client\n");
                server.awaitOut(s -> s.equals("typed at the client\n"), Duration.ofSeconds(10));
                server.type("typed at the server\n");
                client.awaitOut(s -> s.equals("typed at the server\n"), Duration.ofSeconds(10));
                client.endInput();
                assertEquals(ExitCodes.OK, client.awaitExit(Duration.ofSeconds(15)), client::toString);
            }
            assertEquals(ExitCodes.OK, server.awaitExit(Duration.ofSeconds(15)), server::toString);
            assertTrue(server.err().contains("[#1] connection from 127.0.0.1:"), server::toString);
        }
    }

    @Test
    void presentsTheGivenPemCertificate() throws Exception {
        Path ca = dir.resolve("ca.pem");
        assertEquals(ExitCodes.OK, Cli.run("cert", "create", "--cn", "Given CA", "--is-ca", "--out", ca.toString()).exitCode());
        assertEquals(ExitCodes.OK, Cli.run("cert", "create", "--cn", "localhost", "--ca", ca.toString(),
                "--out", dir.resolve("srv.p12").toString(), "--pass", "pw").exitCode());
        try (RunningCli server = RunningCli.start("server", "--port", "0", "--store", dir.resolve("srv.p12").toString(),
                "--store-pass", "pw", "--accept-count", "1")) {
            int port = server.awaitListeningPort();
            assertTrue(server.err().contains("Presenting CN=localhost from " + dir.resolve("srv.p12")), server::toString);
            try (RunningCli client = RunningCli.start("client", "localhost:" + port, "--trust", ca.toString(),
                    "--receive-timeout", "200ms")) {
                client.endInput();
                assertEquals(ExitCodes.OK, client.awaitExit(Duration.ofSeconds(15)), client::toString);
                assertTrue(client.err().contains("issued by CN=Given CA"), client::toString);
            }
            assertEquals(ExitCodes.OK, server.awaitExit(Duration.ofSeconds(15)), server::toString);
        }
        assertTrue(Files.notExists(dir.resolve("store")), "no demo store is made when a certificate is given");
    }

    @Test
    void badArgumentsNameTheFlag() {
        Cli.Result auth = Cli.run("server", "--port", "0", "--client-auth", "maybe");
        assertEquals(ExitCodes.USAGE, auth.exitCode(), auth::toString);
        assertTrue(auth.err().contains("'--client-auth'") && auth.err().contains("NONE, WANT, NEED"), auth::toString);

        Cli.Result modes = Cli.run("server", "--port", "0", "--echo", "--www");
        assertEquals(ExitCodes.USAGE, modes.exitCode(), modes::toString);
        assertTrue(modes.err().contains("--echo") && modes.err().contains("--www")
                && modes.err().contains("mutually exclusive"), modes::toString);

        Cli.Result port = Cli.run("server", "--port", "70000");
        assertEquals(ExitCodes.USAGE, port.exitCode(), port::toString);
        assertTrue(port.err().contains("'--port'") && port.err().contains("0..65535"), port::toString);

        Cli.Result noPort = Cli.run("server");
        assertEquals(ExitCodes.USAGE, noPort.exitCode(), noPort::toString);
        assertTrue(noPort.err().contains("'--port=P'"), noPort::toString);

        Cli.Result trust = Cli.run("server", "--port", "0", "--client-auth", "need", "--cert", "x.pem", "--key", "x.key");
        assertEquals(ExitCodes.USAGE, trust.exitCode(), trust::toString);
        assertTrue(trust.err().contains("Missing option '--trust'"), trust::toString);
    }

    @Test
    void helpForServerAndClient() {
        for (String command : List.of("server", "client")) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
            assertTrue(r.out().startsWith("Usage: streamtls " + command), r::toString);
        }
        assertTrue(Cli.run("server", "--help").out().contains("--plaintext-after-close"));
    }

    private static void send(Connection c, String text) throws java.io.IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        c.send(b, 0, b.length);
    }

    private static String receive(Connection c, int n) throws java.io.IOException {
        byte[] b = new byte[n];
        c.receiveExactly(b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }
}
