package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.tls.AlertDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.TrustFailure;

/**
 * Every refusal ends the handshake with its own error on our side and the right alert at the peer:
 * an expired server certificate, a certificate for another name, an unknown CA, a missing client
 * certificate, a peer that only speaks TLS 1.1, no common cipher suite; and the acceptance callback
 * both ways (pinning).
 */
class RefusalTest {

    @TempDir
    Path tmp;

    /** Connects and reads once (TLS 1.3 clients learn of a server's refusal only when they read). */
    private static void connectAndRead(int port, TlsClientConfig config) throws Exception {
        try (TlsConnection tls = TlsClient.connect("127.0.0.1", port, config)) {
            tls.receive(new byte[1], 0, 1);
        }
    }

    private static TlsAlert alertOf(Throwable t) {
        assertInstanceOf(TlsException.class, t, String.valueOf(t));
        return ((TlsException) t).alert().orElseThrow(() -> new AssertionError("no alert in " + t));
    }

    /** Our client refuses our server's certificate; the server must see exactly {@code alert}. */
    private PeerCertificateRefusedException refusedByClient(Identity serverIdentity, TlsVersion version, short alert)
            throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(serverIdentity).build(),
                tls -> tls.receive(new byte[1], 0, 1))) {
            TlsClientConfig config = Pki.clientConfig().serverName("localhost").versions(Set.of(version)).build();
            PeerCertificateRefusedException e = assertThrows(PeerCertificateRefusedException.class,
                    () -> connectAndRead(server.port(), config));
            assertEquals(new TlsAlert(alert, false), e.alert().orElseThrow());
            assertEquals(serverIdentity.leaf(), e.chain().get(0));
            Throwable atServer = server.awaitResult();
            assertInstanceOf(TlsAlertException.class, atServer, String.valueOf(atServer));
            assertEquals(new TlsAlert(alert, true), alertOf(atServer), "alert received by the server");
            return e;
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void expiredServerCertificate(TlsVersion version) throws Exception {
        PeerCertificateRefusedException e = refusedByClient(Pki.expiredServer(), version,
                AlertDescription.certificate_expired);
        assertTrue(e.decision().orElseThrow().has(TrustFailure.Kind.EXPIRED), e.getMessage());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void certificateForAnotherName(TlsVersion version) throws Exception {
        PeerCertificateRefusedException e = refusedByClient(Pki.serverLeaf("other.test").build(), version,
                AlertDescription.bad_certificate);
        assertTrue(e.decision().orElseThrow().trusted(), "trusted, only the name is wrong");
        assertFalse(e.decision().orElseThrow().nameMatches());
        assertTrue(e.reasons().stream().anyMatch(r -> r.contains("localhost")), e.reasons().toString());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void unknownCertificateAuthority(TlsVersion version) throws Exception {
        Identity otherRoot = CertificateBuilder.create().commonName("Other Root").certificateAuthority(0).build();
        Identity server = CertificateBuilder.create().commonName("localhost").addDnsName("localhost").serverAuth()
                .signedBy(otherRoot).build();
        PeerCertificateRefusedException e = refusedByClient(server, version, AlertDescription.unknown_ca);
        assertFalse(e.decision().orElseThrow().trusted());
    }

    @Test
    void expiredCertificateAlertReachesOpenSsl() throws Exception {
        ExternalPeer.require("openssl");
        String[] files = new PemDir(tmp).identity("expired", Pki.expiredServer());
        try (ExternalPeer openssl = ExternalPeer.start(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", files[0], "-key", files[1], "-naccept", "1"))) {
            int port = openssl.awaitAcceptPort();
            PeerCertificateRefusedException e = assertThrows(PeerCertificateRefusedException.class,
                    () -> connectAndRead(port, Pki.clientConfig().serverName("localhost").build()));
            assertEquals(AlertDescription.certificate_expired, e.alert().orElseThrow().description());
            openssl.await("alert certificate expired", Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void missingClientCertificateWhenRequired(TlsVersion version) throws Exception {
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.NEED)
                .clientTrustVerifier(Pki.trust()).build();
        short expected = version == TlsVersion.TLS_1_3 ? AlertDescription.certificate_required
                : AlertDescription.handshake_failure;
        try (TestServer server = TestServer.start(config, tls -> tls.receive(new byte[1], 0, 1))) {
            TlsClientConfig client = Pki.clientConfig().serverName("localhost").versions(Set.of(version)).build();
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> connectAndRead(server.port(), client));
            assertEquals(new TlsAlert(expected, true), e.alert().orElseThrow(), e.getMessage());
            Throwable atServer = server.awaitResult();
            assertInstanceOf(PeerCertificateRefusedException.class, atServer, String.valueOf(atServer));
            PeerCertificateRefusedException refused = (PeerCertificateRefusedException) atServer;
            assertTrue(refused.chain().isEmpty());
            assertEquals(new TlsAlert(expected, false), refused.alert().orElseThrow());
            assertTrue(refused.getMessage().contains("no certificate"), refused.getMessage());
        }
    }

    @Test
    void untrustedClientCertificate() throws Exception {
        Identity stranger = CertificateBuilder.create().commonName("stranger").clientAuth().build();
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.WANT)
                .clientTrustVerifier(Pki.trust()).build();
        try (TestServer server = TestServer.start(config, tls -> tls.receive(new byte[1], 0, 1))) {
            TlsClientConfig client = Pki.clientConfig().serverName("localhost")
                    .clientCertificateSelector(r -> Optional.of(stranger)).build();
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> connectAndRead(server.port(), client));
            assertEquals(new TlsAlert(AlertDescription.unknown_ca, true), e.alert().orElseThrow());
            Throwable atServer = server.awaitResult();
            assertInstanceOf(PeerCertificateRefusedException.class, atServer);
            assertEquals(stranger.leaf(), ((PeerCertificateRefusedException) atServer).chain().get(0));
        }
    }

    @Test
    void peerOfferingOnlyTls11() throws Exception {
        ExternalPeer.require("openssl");
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), new EchoSession());
             ExternalPeer openssl = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                     "127.0.0.1:" + server.port(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"),
                     Map.of("OPENSSL_CONF", "/dev/null"))) {
            Throwable atServer = server.awaitResult();
            assertInstanceOf(NoCommonParametersException.class, atServer, String.valueOf(atServer));
            NoCommonParametersException e = (NoCommonParametersException) atServer;
            assertEquals(NoCommonParametersException.Parameter.VERSION, e.parameter());
            assertEquals(new TlsAlert(AlertDescription.protocol_version, false), e.alert().orElseThrow());
            assertTrue(e.getMessage().contains("TLS 1.1"), e.getMessage());
            openssl.await("alert protocol version", Duration.ofSeconds(10));
        }
    }

    @Test
    void serverOfferingOnlyTls11() throws Exception {
        ExternalPeer.require("openssl");
        String[] files = new PemDir(tmp).identity("server", Pki.SERVER_EC);
        try (ExternalPeer openssl = ExternalPeer.start(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", files[0], "-key", files[1], "-naccept", "1", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"),
                Map.of("OPENSSL_CONF", "/dev/null"))) {
            int port = openssl.awaitAcceptPort();
            NoCommonParametersException e = assertThrows(NoCommonParametersException.class,
                    () -> connectAndRead(port, Pki.clientConfig().serverName("localhost").build()));
            assertEquals(NoCommonParametersException.Parameter.VERSION, e.parameter());
            assertEquals(AlertDescription.protocol_version, e.alert().orElseThrow().description());
        }
    }

    @Test
    void noCommonCipherSuiteWithOpenSsl() throws Exception {
        ExternalPeer.require("openssl");
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC)
                .cipherSuites(List.of(TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)).build();
        try (TestServer server = TestServer.start(config, new EchoSession());
             ExternalPeer openssl = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                     "127.0.0.1:" + server.port(), "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"))) {
            Throwable atServer = server.awaitResult();
            assertInstanceOf(NoCommonParametersException.class, atServer, String.valueOf(atServer));
            NoCommonParametersException e = (NoCommonParametersException) atServer;
            assertEquals(NoCommonParametersException.Parameter.CIPHER_SUITE, e.parameter());
            assertEquals(new TlsAlert(AlertDescription.handshake_failure, false), e.alert().orElseThrow());
            assertTrue(e.getMessage().contains("TLS_AES_128_GCM_SHA256"), e.getMessage());
            openssl.await("alert handshake failure", Duration.ofSeconds(10));
        }
    }

    @Test
    void noCommonCipherSuiteBetweenOurOwn() throws Exception {
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_RSA)
                .cipherSuites(List.of(TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256)).build();
        try (TestServer server = TestServer.start(config, new EchoSession())) {
            TlsClientConfig client = Pki.clientConfig().serverName("localhost")
                    .cipherSuites(List.of(TlsCipherSuite.TLS_AES_128_GCM_SHA256,
                            TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)).build();
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> connectAndRead(server.port(), client));
            assertEquals(new TlsAlert(AlertDescription.handshake_failure, true), e.alert().orElseThrow());
            Throwable atServer = server.awaitResult();
            assertEquals(NoCommonParametersException.Parameter.CIPHER_SUITE,
                    ((NoCommonParametersException) atServer).parameter());
        }
    }

    @Test
    void acceptanceCallbackCanRefuseATrustedServer() throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), new EchoSession())) {
            TlsClientConfig client = Pki.clientConfig().serverName("localhost")
                    .serverCertificateAcceptable((chain, decision) -> false).build();
            PeerCertificateRefusedException e = assertThrows(PeerCertificateRefusedException.class,
                    () -> connectAndRead(server.port(), client));
            assertTrue(e.decision().orElseThrow().accepted());
            assertEquals(AlertDescription.certificate_unknown, e.alert().orElseThrow().description());
            assertEquals(new TlsAlert(AlertDescription.certificate_unknown, true), alertOf(server.awaitResult()));
        }
    }

    @Test
    void acceptanceCallbackCanPinAnUntrustedServer() throws Exception {
        Identity selfSigned = CertificateBuilder.create().commonName("pinned").addDnsName("localhost").serverAuth()
                .build();
        try (TestServer server = TestServer.start(Pki.serverConfig(selfSigned).build(), new EchoSession())) {
            TlsClientConfig client = Pki.clientConfig().serverName("localhost")
                    .serverCertificateAcceptable((chain, decision) -> chain.get(0).equals(selfSigned.leaf())).build();
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", server.port(), client)) {
                assertFalse(tls.session().peerTrusted());
                assertTrue(tls.session().peerNameMatches());
                Lines.send(tls, "pinned");
                assertEquals("echo:pinned", Lines.read(tls));
            }
            server.assertServedOk();
        }
    }

    @Test
    void weakCipherSuitesCannotBeNamed() {
        IllegalArgumentException rc4 = assertThrows(IllegalArgumentException.class,
                () -> TlsCipherSuite.forName("TLS_RSA_WITH_RC4_128_SHA"));
        assertTrue(rc4.getMessage().contains("not an AEAD"), rc4.getMessage());
        IllegalArgumentException cbc = assertThrows(IllegalArgumentException.class,
                () -> TlsCipherSuite.forName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
        assertTrue(cbc.getMessage().contains("not an AEAD"), cbc.getMessage());
        IllegalArgumentException staticRsa = assertThrows(IllegalArgumentException.class,
                () -> TlsCipherSuite.forName("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertTrue(staticRsa.getMessage().contains("forward secrecy"), staticRsa.getMessage());
        assertEquals(TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.forName("tls_aes_128_gcm_sha256"));
        IllegalArgumentException noSuite = assertThrows(IllegalArgumentException.class,
                () -> TlsClientConfig.builder().versions(Set.of(TlsVersion.TLS_1_3))
                        .cipherSuites(List.of(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)).build());
        assertTrue(noSuite.getMessage().contains("TLSv1.3"), noSuite.getMessage());
    }
}
