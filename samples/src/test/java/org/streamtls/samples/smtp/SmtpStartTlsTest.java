package org.streamtls.samples.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.samples.LineReader;
import org.streamtls.samples.testing.ExternalProcess;
import org.streamtls.tls.PeerCertificateRefusedException;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.tls.TlsVersion;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.TcpConnections;

/**
 * The SMTP STARTTLS client against the sample responder, {@code openssl s_client -starttls smtp}
 * against the responder, and the responder's refusal of mail before TLS.
 */
class SmtpStartTlsTest {

    @TempDir
    static Path dir;

    static Identity ca;
    static Identity server;

    final List<String> responderLog = Collections.synchronizedList(new ArrayList<>());
    SmtpResponder responder;

    @BeforeAll
    static void certificates() throws Exception {
        ca = CertificateBuilder.create().commonName("SMTP Test CA").certificateAuthority(0).build();
        server = CertificateBuilder.create().commonName("localhost").addDnsName("localhost").serverAuth()
                .signedBy(ca).build();
        PemFiles.writeCertificates(dir.resolve("ca.pem"), List.of(ca.leaf()));
    }

    @BeforeEach
    void startResponder() throws Exception {
        TlsServerConfig config = TlsServerConfig.builder().certificateSelector(request -> Optional.of(server)).build();
        responder = SmtpResponder.start(0, "mx.test", config, responderLog::add);
    }

    @AfterEach
    void stopResponder() {
        responder.close();
    }

    private static TlsClientConfig.Builder client() {
        return TlsClientConfig.builder()
                .trustVerifier(PkixTrustVerifier.builder().trustAnchors(TrustAnchors.of(List.of(ca.leaf()))).build());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientUpgradesToTlsAndSaysEhloAgain(TlsVersion version) throws Exception {
        List<String> dialogue = new ArrayList<>();
        TlsSessionInfo s = SmtpStartTlsClient.run("localhost", responder.port(), "client.test",
                client().versions(Set.of(version)).build(), dialogue::add);
        assertEquals(version, s.version());
        assertTrue(s.peerTrusted() && s.peerNameMatches(), s::summary);

        int tls = dialogue.indexOf(dialogue.stream().filter(l -> l.startsWith("-- TLS established: ")).findFirst().orElseThrow());
        List<String> before = dialogue.subList(0, tls);
        List<String> after = dialogue.subList(tls + 1, dialogue.size());
        assertEquals(List.of(
                "S: 220 mx.test ESMTP StreamTLS sample responder",
                "C: EHLO client.test",
                "S: 250-mx.test greets client.test",
                "S: 250-STARTTLS",
                "S: 250-8BITMIME",
                "S: 250 SIZE 1048576",
                "C: STARTTLS",
                "S: 220 2.0.0 Ready to start TLS"), before);
        assertTrue(dialogue.get(tls).startsWith("-- TLS established: " + version.displayName() + " "), dialogue::toString);
        assertTrue(dialogue.get(tls).contains("server certificate CN=localhost (trusted yes, name matches localhost yes)"),
                dialogue::toString);
        assertEquals(List.of(
                "C: EHLO client.test",
                "S: 250-mx.test greets client.test",
                "S: 250-8BITMIME",
                "S: 250 SIZE 1048576",
                "C: QUIT",
                "S: 221 2.0.0 mx.test closing connection"), after, "no STARTTLS offered under TLS");
        assertTrue(responderLog.stream().anyMatch(l -> l.contains("(TLS) C: EHLO client.test")), responderLog::toString);
    }

    @Test
    void clientRefusesAServerCertificateForAnotherName() {
        PeerCertificateRefusedException e = assertThrows(PeerCertificateRefusedException.class,
                () -> SmtpStartTlsClient.run("127.0.0.1", responder.port(), "client.test", client().build(), l -> { }));
        assertTrue(e.getMessage().contains("does not cover 127.0.0.1"), e::getMessage);
    }

    @Test
    void openSslStartTlsSmtpTalksToTheResponder() throws Exception {
        try (ExternalProcess sClient = ExternalProcess.start(dir, "openssl", "s_client", "-starttls", "smtp",
                "-connect", "127.0.0.1:" + responder.port(), "-servername", "localhost",
                "-verify_hostname", "localhost", "-CAfile", dir.resolve("ca.pem").toString(), "-verify_return_error",
                "-crlf", "-ign_eof")) {
            sClient.awaitOutput(s -> s.contains("Verify return code: 0 (ok)"), Duration.ofSeconds(15));
            sClient.stdin().write("EHLO openssl.test\nMAIL FROM:<a@openssl.test>\nQUIT\n".getBytes(StandardCharsets.US_ASCII));
            sClient.stdin().flush();
            sClient.awaitOutput(s -> s.contains("221 2.0.0 mx.test closing connection"), Duration.ofSeconds(10));
            assertEquals(0, sClient.waitFor(Duration.ofSeconds(10)), sClient::output);
            String out = sClient.output();
            assertTrue(out.contains("250-mx.test greets openssl.test"), out);
            assertTrue(out.contains("250 2.1.0 OK"), "MAIL is accepted under TLS: " + out);
        }
        assertTrue(responderLog.stream().anyMatch(l -> l.contains("C: STARTTLS")), responderLog::toString);
        assertTrue(responderLog.stream().anyMatch(l -> l.contains("TLS established: TLSv1.3")), responderLog::toString);
        assertTrue(responderLog.stream().anyMatch(l -> l.contains("(TLS) C: MAIL FROM:<a@openssl.test>")), responderLog::toString);
    }

    @Test
    void mailBeforeStartTlsIsRefused() throws Exception {
        try (Connection plain = TcpConnections.connect("127.0.0.1", responder.port(),
                ConnectionOptions.builder().receiveTimeout(Duration.ofSeconds(10)).build())) {
            LineReader lines = new LineReader(plain);
            assertTrue(lines.readLine().startsWith("220 "));
            LineReader.sendLine(plain, "MAIL FROM:<a@b.test>", true);
            assertEquals("530 5.7.0 Must issue a STARTTLS command first", lines.readLine());
            LineReader.sendLine(plain, "QUIT", true);
            assertTrue(lines.readLine().startsWith("221 "));
            assertEquals(null, lines.readLine());
        }
        assertFalse(responderLog.stream().anyMatch(l -> l.contains("TLS established")), responderLog::toString);
    }
}
