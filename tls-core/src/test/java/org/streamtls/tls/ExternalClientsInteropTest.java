package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our server against real clients on 127.0.0.1: {@code openssl s_client} (TLS 1.2 and 1.3, its
 * KeyUpdate with and without update requested, client certificates), the JDK's JSSE
 * {@link SSLSocket}, and {@code gnutls-cli}. The server answers each line with "echo:" + line.
 */
class ExternalClientsInteropTest {

    @TempDir
    Path tmp;

    private static String flag(TlsVersion v) {
        return v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2";
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void opensslClient(TlsVersion version) throws Exception {
        ExternalPeer.require("openssl");
        String root = new PemDir(tmp).root();
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_RSA).build(), new EchoSession());
             ExternalPeer client = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                     "127.0.0.1:" + server.port(), "-servername", "localhost", "-verify_hostname", "localhost",
                     "-CAfile", root, "-verify_return_error", flag(version)))) {
            client.await("Verify return code: 0 \\(ok\\)", Duration.ofSeconds(10));
            client.send("hello streamtls\n");
            client.await("echo:hello streamtls", Duration.ofSeconds(10));
            client.closeStdin();
            server.assertServedOk();
            client.awaitExit(Duration.ofSeconds(10));
        }
    }

    @Test
    void opensslClientKeyUpdates() throws Exception {
        ExternalPeer.require("openssl");
        String root = new PemDir(tmp).root();
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), new EchoSession());
             ExternalPeer client = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                     "127.0.0.1:" + server.port(), "-servername", "localhost", "-CAfile", root,
                     "-verify_return_error", "-tls1_3"))) {
            client.await("Verify return code: 0 \\(ok\\)", Duration.ofSeconds(10));
            client.send("one\n");
            client.await("echo:one", Duration.ofSeconds(10));
            // s_client: a stdin line "k" sends a KeyUpdate, "K" one that asks the server to update too.
            client.send("k\n");
            Thread.sleep(300);
            client.send("after k\n");
            client.await("echo:after k", Duration.ofSeconds(10));
            client.send("K\n");
            Thread.sleep(300);
            client.send("after K\n");
            client.await("echo:after K", Duration.ofSeconds(10));
            client.closeStdin();
            server.assertServedOk();
            client.awaitExit(Duration.ofSeconds(10));
            assertEquals(2, client.output().split("KEYUPDATE", -1).length - 1, client.output());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void opensslClientWithCertificate(TlsVersion version) throws Exception {
        ExternalPeer.require("openssl");
        PemDir pem = new PemDir(tmp);
        String root = pem.root();
        String[] client = pem.identity("client", Pki.CLIENT);
        AtomicReference<TlsSessionInfo> seen = new AtomicReference<>();
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.NEED)
                .clientTrustVerifier(Pki.trust()).build();
        try (TestServer server = TestServer.start(config, tls -> {
            seen.set(tls.session());
            new EchoSession().serve(tls);
        }); ExternalPeer openssl = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + server.port(), "-servername", "localhost", "-CAfile", root, "-verify_return_error",
                "-cert", client[0], "-key", client[1], flag(version)))) {
            openssl.await("Verify return code: 0 \\(ok\\)", Duration.ofSeconds(10));
            openssl.send("with certificate\n");
            openssl.await("echo:with certificate", Duration.ofSeconds(10));
            openssl.closeStdin();
            server.assertServedOk();
            assertEquals(Pki.CLIENT.leaf(), seen.get().peerChain().get(0));
            assertTrue(seen.get().peerTrusted());
            assertEquals(version, seen.get().version());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void jsseClient(TlsVersion version) throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), new EchoSession())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", Pki.ROOT.leaf());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.port())) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {version.displayName()});
                SSLParameters params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
                OutputStream out = socket.getOutputStream();
                out.write("from jsse\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertEquals("echo:from jsse", in.readLine());
                assertEquals(version.displayName(), socket.getSession().getProtocol());
            }
            server.assertServedOk();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void gnutlsClient(TlsVersion version) throws Exception {
        ExternalPeer.require("gnutls-cli");
        String root = new PemDir(tmp).root();
        String priority = "NORMAL:-VERS-ALL:" + (version == TlsVersion.TLS_1_3 ? "+VERS-TLS1.3" : "+VERS-TLS1.2");
        List<String> cmd = new ArrayList<>(List.of("gnutls-cli", "--x509cafile", root, "--sni-hostname", "localhost",
                "--verify-hostname", "localhost", "--priority", priority));
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_RSA).build(), new EchoSession())) {
            cmd.addAll(List.of("--port", String.valueOf(server.port()), "127.0.0.1"));
            try (ExternalPeer gnutls = ExternalPeer.start(cmd)) {
                gnutls.await("Handshake was completed", Duration.ofSeconds(10));
                gnutls.send("from gnutls\n");
                gnutls.await("echo:from gnutls", Duration.ofSeconds(10));
                gnutls.closeStdin();
                server.assertServedOk();
                gnutls.awaitExit(Duration.ofSeconds(10));
                assertTrue(gnutls.output().contains(version == TlsVersion.TLS_1_3 ? "TLS1.3" : "TLS1.2"),
                        gnutls.output());
            }
        }
    }
}
