package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.Identity;

/**
 * Our client against {@code openssl s_server} on 127.0.0.1: TLS 1.2 and 1.3 with data both ways
 * and the server's NewSessionTickets, KeyUpdate sent by the server (with and without update
 * requested), client authentication required, SNI choosing between two certificates, and TLS 1.2
 * session resumption.
 */
class OpenSslServerInteropTest {

    @TempDir
    Path tmp;

    private PemDir pem;

    @BeforeEach
    void requireOpenSsl() {
        ExternalPeer.require("openssl");
        pem = new PemDir(tmp);
    }

    private List<String> sServer(String versionFlag, Identity identity, String... extra) throws Exception {
        String[] files = pem.identity("server", identity);
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", files[0], "-key", files[1], versionFlag));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private static String flag(TlsVersion v) {
        return v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2";
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void dataBothWays(TlsVersion version) throws Exception {
        try (ExternalPeer openssl = ExternalPeer.start(sServer(flag(version), Pki.SERVER_RSA, "-naccept", "1"))) {
            int port = openssl.awaitAcceptPort();
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", port,
                    Pki.clientConfig().serverName("localhost").build())) {
                assertEquals(version, tls.session().version());
                assertTrue(tls.session().peerTrusted() && tls.session().peerNameMatches());
                Lines.send(tls, "hello from streamtls");
                openssl.await("hello from streamtls", Duration.ofSeconds(10));
                openssl.send("hello from openssl\n");
                assertEquals("hello from openssl", Lines.read(tls));
            }
        }
    }

    @Test
    void keyUpdateFromTheServer() throws Exception {
        try (ExternalPeer openssl = ExternalPeer.start(sServer("-tls1_3", Pki.SERVER_EC, "-naccept", "1"))) {
            int port = openssl.awaitAcceptPort();
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", port,
                    Pki.clientConfig().serverName("localhost").build())) {
                Lines.send(tls, "before");
                openssl.await("before", Duration.ofSeconds(10));
                // s_server takes a stdin line "k" as: send KeyUpdate; "K": send KeyUpdate, update requested.
                // One line per stdin read, so pause between command and data.
                openssl.send("k\n");
                Thread.sleep(300);
                openssl.send("after k\n");
                assertEquals("after k", Lines.read(tls), "read with the server's new keys");
                openssl.send("K\n");
                Thread.sleep(300);
                openssl.send("after K\n");
                assertEquals("after K", Lines.read(tls));
                // The server asked us to update too: our next record goes under our new keys.
                Lines.send(tls, "client after K");
                openssl.await("client after K", Duration.ofSeconds(10));
                // And one we start ourselves.
                tls.keyUpdate(false);
                Lines.send(tls, "client after its own update");
                openssl.await("client after its own update", Duration.ofSeconds(10));
            }
            openssl.awaitExit(Duration.ofSeconds(10));
            // s_server reports each KeyUpdate it sent (stdout is flushed at exit).
            openssl.await("(?s)SSL_do_handshake -> 1.*SSL_do_handshake -> 1", Duration.ofSeconds(2));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientAuthenticationRequired(TlsVersion version) throws Exception {
        String root = pem.root();
        try (ExternalPeer openssl = ExternalPeer.start(sServer(flag(version), Pki.SERVER_EC, "-naccept", "1",
                "-Verify", "1", "-CAfile", root, "-verify_return_error"))) {
            int port = openssl.awaitAcceptPort();
            TlsClientConfig config = Pki.clientConfig().serverName("localhost")
                    .clientCertificateSelector(request -> Optional.of(Pki.CLIENT)).build();
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", port, config)) {
                Lines.send(tls, "authenticated client");
                openssl.await("authenticated client", Duration.ofSeconds(10));
                openssl.send("welcome\n");
                assertEquals("welcome", Lines.read(tls));
            }
            openssl.await("CN ?= ?test client", Duration.ofSeconds(5));
            assertFalse(openssl.output().contains("verify error"), openssl.output());
        }
    }

    @Test
    void sniChoosesBetweenTwoCertificates() throws Exception {
        Identity defaultCert = Pki.serverLeaf("default.test").build();
        Identity sniCert = Pki.serverLeaf("sni.test").build();
        String[] second = pem.identity("second", sniCert);
        try (ExternalPeer openssl = ExternalPeer.start(sServer("-tls1_3", defaultCert, "-naccept", "2",
                "-servername", "sni.test", "-cert2", second[0], "-key2", second[1]))) {
            int port = openssl.awaitAcceptPort();
            for (Identity expected : List.of(sniCert, defaultCert)) {
                String name = expected == sniCert ? "sni.test" : "default.test";
                try (TlsConnection tls = TlsClient.connect("127.0.0.1", port,
                        Pki.clientConfig().serverName(name).build())) {
                    assertEquals(expected.leaf(), tls.session().peerChain().get(0), name);
                    assertEquals(Optional.of(name), tls.session().serverName());
                    assertTrue(tls.session().peerNameMatches());
                    Lines.send(tls, "hi " + name);
                    openssl.await("hi " + name, Duration.ofSeconds(10));
                }
            }
        }
    }

    @Test
    void tls12SessionResumption() throws Exception {
        try (ExternalPeer openssl = ExternalPeer.start(sServer("-tls1_2", Pki.SERVER_EC, "-naccept", "2"))) {
            int port = openssl.awaitAcceptPort();
            TlsClientConfig config = Pki.clientConfig().serverName("localhost").versions(Set.of(TlsVersion.TLS_1_2))
                    .build();
            try (TlsConnection first = TlsClient.connect("127.0.0.1", port, config)) {
                assertFalse(first.session().resumed());
                Lines.send(first, "first");
                openssl.await("first", Duration.ofSeconds(10));
            }
            try (TlsConnection second = TlsClient.connect("127.0.0.1", port, config)) {
                TlsSessionInfo info = second.session();
                assertTrue(info.resumed(), info.summary());
                assertEquals(Pki.SERVER_EC.leaf(), info.peerChain().get(0), "the chain of the original handshake");
                assertTrue(info.peerTrusted() && info.peerNameMatches());
                Lines.send(second, "second");
                openssl.await("second", Duration.ofSeconds(10));
                openssl.send("resumed\n");
                assertEquals("resumed", Lines.read(second));
            }
            openssl.await("Reused session-id", Duration.ofSeconds(5));
        }
    }
}
