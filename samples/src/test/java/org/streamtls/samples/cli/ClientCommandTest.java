package org.streamtls.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;
import org.streamtls.samples.testing.ExternalProcess;
import org.streamtls.samples.testing.Peers;
import org.streamtls.samples.testing.RunningCli;

/**
 * {@code streamtls client} against {@code openssl s_server} on loopback: data both ways in TLS 1.2
 * and 1.3, the handshake summary and verdict on standard error, close_notify at the end; refused
 * certificates (expired, unknown CA) with exit status 1 and the reason; the insecure override; a
 * client certificate.
 */
class ClientCommandTest {

    @TempDir
    static Path dir;

    static Identity ca;

    @BeforeAll
    static void certificates() throws Exception {
        ca = CertificateBuilder.create().commonName("Client Test CA").certificateAuthority(0).build();
        PemFiles.writeCertificates(dir.resolve("ca.pem"), List.of(ca.leaf()));
        save("good", CertificateBuilder.create().commonName("localhost").addDnsName("localhost")
                .addIpAddress("127.0.0.1").serverAuth().signedBy(ca).build());
        save("expired", CertificateBuilder.create().commonName("localhost").addDnsName("localhost").serverAuth()
                .validity(Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(30)))
                .signedBy(ca).build());
        save("client", CertificateBuilder.create().commonName("cli client").clientAuth().signedBy(ca).build());
    }

    private static void save(String name, Identity identity) throws Exception {
        PemFiles.writeCertificates(dir.resolve(name + ".pem"), identity.chain());
        PemFiles.writePrivateKey(dir.resolve(name + ".key"), identity.privateKey(), null);
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    /** openssl s_server on 127.0.0.1 with a free port; its standard input stays open until closed. */
    private static ExternalProcess sServer(String identity, String... extra) throws Exception {
        Peers.require("openssl");
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", p(identity + ".pem"), "-key", p(identity + ".key")));
        cmd.addAll(List.of(extra));
        return ExternalProcess.start(dir, cmd.toArray(new String[0]));
    }

    private static int acceptPort(ExternalProcess openssl) {
        Pattern accept = Pattern.compile("ACCEPT [^\\n]*:(\\d+)");
        String text = openssl.awaitOutput(s -> accept.matcher(s).find(), Duration.ofSeconds(10));
        Matcher m = accept.matcher(text);
        m.find();
        return Integer.parseInt(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.3"})
    void talksToOpenSslServerBothWaysAndClosesWithCloseNotify(String version) throws Exception {
        try (ExternalProcess openssl = sServer("good", version.equals("1.2") ? "-tls1_2" : "-tls1_3", "-naccept", "1")) {
            int port = acceptPort(openssl);
            try (RunningCli client = RunningCli.start("client", "localhost:" + port, "--trust", p("ca.pem"),
                    "--tls", version, "--receive-timeout", "500ms")) {
                client.awaitErr(s -> s.contains("Verdict:"), Duration.ofSeconds(15));
                assertTrue(client.err().contains("Connected to localhost:" + port + ": TLSv" + version + " "), client::toString);
                assertTrue(client.err().contains("Server certificate: CN=localhost issued by CN=Client Test CA"),
                        client::toString);
                assertTrue(client.err().contains("Verdict: trusted yes, name matches yes"), client::toString);

                client.type("hello from streamtls\n");
                openssl.awaitOutput(s -> s.contains("hello from streamtls"), Duration.ofSeconds(10));
                openssl.stdin().write("hello from openssl\n".getBytes());
                openssl.stdin().flush();
                client.awaitOut(s -> s.equals("hello from openssl\n"), Duration.ofSeconds(10));

                client.endInput();
                assertEquals(ExitCodes.OK, client.awaitExit(Duration.ofSeconds(15)), client::toString);
                assertTrue(client.err().contains("Closed with close_notify"), client::toString);
            }
            assertEquals(0, openssl.waitFor(Duration.ofSeconds(10)), openssl::output);
            String expectedCipher = version.equals("1.2") ? "CIPHER is ECDHE-ECDSA-" : "CIPHER is TLS_AES_";
            assertTrue(openssl.output().contains(expectedCipher), openssl::output);
        }
    }

    @Test
    void expiredServerCertificateFailsWithExpired() throws Exception {
        try (ExternalProcess openssl = sServer("expired", "-naccept", "1")) {
            int port = acceptPort(openssl);
            try (RunningCli client = RunningCli.start("client", "localhost:" + port, "--trust", p("ca.pem"))) {
                assertEquals(ExitCodes.FAILED, client.awaitExit(Duration.ofSeconds(15)), client::toString);
                assertTrue(client.err().contains("handshake with localhost:" + port + " failed"), client::toString);
                assertTrue(client.err().contains("  expired: certificate CN=localhost expired on "), client::toString);
                assertTrue(client.err().contains("alert: certificate_expired sent to the peer"), client::toString);
                assertFalse(client.err().contains("Connected to"), client::toString);
            }
        }
    }

    @Test
    void unknownCaFailsAndInsecureOverrideGoesOnWithAWarning() throws Exception {
        try (ExternalProcess openssl = sServer("good", "-naccept", "2")) {
            int port = acceptPort(openssl);
            try (RunningCli refused = RunningCli.start("client", "127.0.0.1:" + port, "--trust", "system")) {
                assertEquals(ExitCodes.FAILED, refused.awaitExit(Duration.ofSeconds(15)), refused::toString);
                assertTrue(refused.err().contains("unknown issuer: "), refused::toString);
            }
            try (RunningCli insecure = RunningCli.start("client", "127.0.0.1:" + port, "--trust", "system",
                    "--insecure-accept-any", "--receive-timeout", "200ms")) {
                insecure.endInput();
                assertEquals(ExitCodes.OK, insecure.awaitExit(Duration.ofSeconds(15)), insecure::toString);
                assertTrue(insecure.err().contains("Verdict: trusted no, name matches yes"), insecure::toString);
                assertTrue(insecure.err().contains("WARNING: the certificate was accepted only because of --insecure-accept-any"),
                        insecure::toString);
                assertTrue(insecure.err().contains("  unknown issuer: "), insecure::toString);
            }
        }
    }

    @Test
    void sniNameIsSentAndCheckedAndAMismatchIsRefused() throws Exception {
        try (ExternalProcess openssl = sServer("good", "-naccept", "2")) {
            int port = acceptPort(openssl);
            try (RunningCli wrong = RunningCli.start("client", "127.0.0.1:" + port, "--trust", p("ca.pem"),
                    "--sni", "other.test")) {
                assertEquals(ExitCodes.FAILED, wrong.awaitExit(Duration.ofSeconds(15)), wrong::toString);
                assertTrue(wrong.err().contains("name mismatch: certificate for localhost does not cover other.test"
                        + " (covers: localhost, 127.0.0.1)"), wrong::toString);
            }
            try (RunningCli ok = RunningCli.start("client", "127.0.0.1:" + port, "--trust", p("ca.pem"),
                    "--sni", "localhost", "--receive-timeout", "200ms")) {
                ok.endInput();
                assertEquals(ExitCodes.OK, ok.awaitExit(Duration.ofSeconds(15)), ok::toString);
            }
        }
    }

    @Test
    void presentsAClientCertificateWhenTheServerAsks() throws Exception {
        try (ExternalProcess openssl = sServer("good", "-naccept", "1", "-Verify", "1", "-CAfile", p("ca.pem"),
                "-verify_return_error")) {
            int port = acceptPort(openssl);
            try (RunningCli client = RunningCli.start("client", "localhost:" + port, "--trust", p("ca.pem"),
                    "--cert", p("client.pem"), "--key", p("client.key"), "--receive-timeout", "300ms")) {
                client.type("with a certificate\n");
                openssl.awaitOutput(s -> s.contains("with a certificate"), Duration.ofSeconds(10));
                client.endInput();
                assertEquals(ExitCodes.OK, client.awaitExit(Duration.ofSeconds(15)), client::toString);
                assertTrue(client.err().contains("Server asked for a client certificate"), client::toString);
                assertTrue(client.err().contains("sending CN=cli client"), client::toString);
            }
            assertTrue(openssl.output().contains("subject=CN = cli client"), openssl::output);
        }
    }

    @Test
    void offersAlpnAndPrintsTheChosenProtocol() throws Exception {
        try (ExternalProcess openssl = sServer("good", "-naccept", "1", "-alpn", "http/1.1")) {
            int port = acceptPort(openssl);
            try (RunningCli client = RunningCli.start("client", "localhost:" + port, "--trust", p("ca.pem"),
                    "--alpn", "h2,http/1.1", "--receive-timeout", "200ms")) {
                client.endInput();
                assertEquals(ExitCodes.OK, client.awaitExit(Duration.ofSeconds(15)), client::toString);
                assertTrue(client.err().contains(" alpn=http/1.1"), client::toString);
            }
            assertTrue(openssl.output().contains("ALPN protocols advertised by the client: h2, http/1.1"), openssl::output);
        }
    }

    @Test
    void badArgumentsNameTheFlag() {
        org.streamtls.samples.testing.Cli.Result port = org.streamtls.samples.testing.Cli.run("client", "localhost");
        assertEquals(ExitCodes.USAGE, port.exitCode(), port::toString);
        assertTrue(port.err().contains("HOST:PORT"), port::toString);

        org.streamtls.samples.testing.Cli.Result tls = org.streamtls.samples.testing.Cli.run("client", "localhost:1",
                "--tls", "1.1");
        assertEquals(ExitCodes.USAGE, tls.exitCode(), tls::toString);
        assertTrue(tls.err().contains("'--tls'") && tls.err().contains("expected 1.2 or 1.3"), tls::toString);

        org.streamtls.samples.testing.Cli.Result timeout = org.streamtls.samples.testing.Cli.run("client", "localhost:1",
                "--receive-timeout", "soon");
        assertEquals(ExitCodes.USAGE, timeout.exitCode(), timeout::toString);
        assertTrue(timeout.err().contains("'--receive-timeout'") && timeout.err().contains("500ms, 5s"), timeout::toString);

        org.streamtls.samples.testing.Cli.Result both = org.streamtls.samples.testing.Cli.run("client", "localhost:1",
                "--cert", "a.pem", "--key", "a.key", "--store", "b.p12");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both::toString);
        assertTrue(both.err().contains("mutually exclusive"), both::toString);

        org.streamtls.samples.testing.Cli.Result keyless = org.streamtls.samples.testing.Cli.run("client", "localhost:1",
                "--cert", "a.pem");
        assertEquals(ExitCodes.USAGE, keyless.exitCode(), keyless::toString);
        assertTrue(keyless.err().contains("--key"), keyless::toString);
    }
}
