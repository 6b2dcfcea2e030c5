package org.streamtls.samples.https;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.samples.testing.ExternalProcess;
import org.streamtls.tls.PeerCertificateRefusedException;

/** SimpleClient against {@code openssl s_server -www} and {@code -WWW} on loopback. */
class SimpleClientTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        Identity ca = CertificateBuilder.create().commonName("Simple CA").certificateAuthority(0).build();
        Identity server = CertificateBuilder.create().commonName("localhost").addDnsName("localhost")
                .serverAuth().signedBy(ca).build();
        PemFiles.writeCertificates(dir.resolve("ca.pem"), List.of(ca.leaf()));
        PemFiles.writeCertificates(dir.resolve("server.pem"), server.chain());
        PemFiles.writePrivateKey(dir.resolve("server.key"), server.privateKey(), null);
        byte[] file = new byte[50_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) ('a' + i % 26);
        }
        Files.write(dir.resolve("page.txt"), file);
    }

    private static ExternalProcess sServer(String... flags) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", dir.resolve("server.pem").toString(), "-key", dir.resolve("server.key").toString()));
        cmd.addAll(List.of(flags));
        return ExternalProcess.start(dir, cmd.toArray(new String[0]));
    }

    private static int port(ExternalProcess openssl) {
        Pattern accept = Pattern.compile("ACCEPT [^\\n]*:(\\d+)");
        Matcher m = accept.matcher(openssl.awaitOutput(s -> accept.matcher(s).find(), Duration.ofSeconds(10)));
        m.find();
        return Integer.parseInt(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void fetchesTheStatusPageOfOpenSslWww(String version) throws Exception {
        try (ExternalProcess openssl = sServer("-www", version)) {
            int port = port(openssl);
            SimpleClient.Response r = SimpleClient.fetch(URI.create("https://localhost:" + port + "/"),
                    TrustAnchors.pemBundle(dir.resolve("ca.pem")));
            assertEquals(200, r.statusCode(), r::toString);
            assertTrue(r.statusLine().startsWith("HTTP/1.0 200"), r::toString);
            assertTrue(r.headers().stream().anyMatch(h -> h.equalsIgnoreCase("Content-type: text/html")), r::toString);
            assertTrue(r.bodyBytes() > 500, "s_server -www sends a page describing the session: " + r);
            assertTrue(r.protocol().startsWith(version.equals("-tls1_3") ? "TLSv1.3 " : "TLSv1.2 "), r::toString);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            SimpleClient.print(r, new PrintStream(printed, true, StandardCharsets.UTF_8));
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith(r.statusLine() + System.lineSeparator()), text);
            assertTrue(text.contains("Body: " + r.bodyBytes() + " bytes (over " + r.protocol() + ")"), text);
        }
    }

    @Test
    void bodySizeIsExactForAServedFile() throws Exception {
        try (ExternalProcess openssl = sServer("-WWW")) {
            int port = port(openssl);
            SimpleClient.Response r = SimpleClient.fetch(URI.create("https://localhost:" + port + "/page.txt"),
                    TrustAnchors.pemBundle(dir.resolve("ca.pem")));
            assertEquals(200, r.statusCode(), r::toString);
            assertEquals(50_000, r.bodyBytes(), r::toString);
        }
    }

    @Test
    void systemTrustStoreRefusesTheTestCa() throws Exception {
        try (ExternalProcess openssl = sServer("-www")) {
            int port = port(openssl);
            PeerCertificateRefusedException e = assertThrows(PeerCertificateRefusedException.class,
                    () -> SimpleClient.fetch(URI.create("https://localhost:" + port + "/"), TrustAnchors.jdkDefaults()));
            assertTrue(e.getMessage().contains("CN=localhost"), e::getMessage);
            assertTrue(e.decision().orElseThrow().trusted() == false, e::getMessage);
        }
    }

    @Test
    void onlyHttpsUrls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimpleClient.fetch(URI.create("http://localhost/"), TrustAnchors.jdkDefaults()));
        assertTrue(e.getMessage().contains("http://localhost/"), e::getMessage);
    }
}
