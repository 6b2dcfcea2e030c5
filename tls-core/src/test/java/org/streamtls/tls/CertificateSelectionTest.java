package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.CertificateStores;
import org.streamtls.certstore.DefaultClientCertificateSelector;
import org.streamtls.certstore.DefaultServerCertificateSelector;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;

/**
 * Certificates chosen through certstore's default selectors: our server picks by SNI and by the key
 * types the client can verify (and, in TLS 1.2, a cipher suite that fits the key); our client picks
 * by the issuers the server names (openssl s_server sends its CA list).
 */
class CertificateSelectionTest {

    @TempDir
    Path tmp;

    private static TlsServerConfig serverWith(Identity... identities) {
        DefaultServerCertificateSelector selector = DefaultServerCertificateSelector.builder()
                .store(CertificateStores.inMemory(List.of(identities), List.of())).build();
        return Pki.serverConfig(identities[0]).certificateSelector(selector).build();
    }

    @Test
    void serverChoosesBySni() throws Exception {
        Identity a = Pki.serverLeaf("a.test").build();
        Identity b = Pki.serverLeaf("b.test").keyPair(Pki.RSA_KEYS).build();
        try (TestServer server = TestServer.start(serverWith(a, b), new EchoSession())) {
            for (Identity expected : List.of(a, b, a)) {
                String name = expected == a ? "a.test" : "b.test";
                try (TlsConnection tls = TlsClient.connect("127.0.0.1", server.port(),
                        Pki.clientConfig().serverName(name).build())) {
                    assertEquals(expected.leaf(), tls.session().peerChain().get(0), name);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void serverChoosesAKeyTheClientCanVerify(TlsVersion version) throws Exception {
        Identity rsa = Pki.serverLeaf("c.test").keyPair(Pki.RSA_KEYS).build();
        Identity ec = Pki.serverLeaf("c.test").build();
        try (TestServer server = TestServer.start(serverWith(rsa, ec), new EchoSession())) {
            List<TlsSignatureScheme> ecdsaOnly = List.of(TlsSignatureScheme.ECDSA_SECP256R1_SHA256);
            List<TlsSignatureScheme> rsaOnly = List.of(TlsSignatureScheme.RSA_PSS_RSAE_SHA256,
                    TlsSignatureScheme.RSA_PKCS1_SHA256);
            for (List<TlsSignatureScheme> schemes : List.of(ecdsaOnly, rsaOnly)) {
                TlsClientConfig config = Pki.clientConfig().serverName("c.test").versions(Set.of(version))
                        .signatureSchemes(schemes).build();
                try (TlsConnection tls = TlsClient.connect("127.0.0.1", server.port(), config)) {
                    Identity expected = schemes == ecdsaOnly ? ec : rsa;
                    assertEquals(expected.leaf(), tls.session().peerChain().get(0), tls.session().summary());
                    String keyAlgorithm = tls.session().cipherSuite().serverKeyAlgorithm();
                    if (version == TlsVersion.TLS_1_2) {
                        assertEquals(schemes == ecdsaOnly ? "EC" : "RSA", keyAlgorithm, tls.session().summary());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void ed25519ServerCertificate(TlsVersion version) throws Exception {
        Identity ed = Pki.serverLeaf("localhost").keyType(KeyType.ED25519).build();
        try (TestServer server = TestServer.start(Pki.serverConfig(ed).build(), new EchoSession())) {
            TlsClientConfig config = Pki.clientConfig().versions(Set.of(version)).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                assertEquals(ed.leaf(), tls.session().peerChain().get(0));
                Lines.send(tls, "edwards");
                assertEquals("echo:edwards", Lines.read(tls));
            }
            server.assertServedOk();
        }
    }

    @Test
    void clientChoosesByTheIssuersTheServerNames() throws Exception {
        ExternalPeer.require("openssl");
        Identity otherRoot = CertificateBuilder.create().commonName("Other Root").certificateAuthority(0).build();
        Identity stranger = CertificateBuilder.create().commonName("stranger").clientAuth()
                .validFor(Duration.ofDays(20)).signedBy(otherRoot).build();
        DefaultClientCertificateSelector selector = DefaultClientCertificateSelector.builder()
                .store(CertificateStores.inMemory(List.of(stranger, Pki.CLIENT), List.of())).build();
        PemDir pem = new PemDir(tmp);
        String root = pem.root();
        String[] files = pem.identity("server", Pki.SERVER_EC);
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", files[0],
                "-key", files[1], "-naccept", "1", "-Verify", "1", "-CAfile", root, "-verify_return_error"));
        try (ExternalPeer openssl = ExternalPeer.start(cmd)) {
            int port = openssl.awaitAcceptPort();
            TlsClientConfig config = Pki.clientConfig().serverName("localhost").clientCertificateSelector(selector)
                    .build();
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", port, config)) {
                Lines.send(tls, "chosen by issuer");
                openssl.await("chosen by issuer", Duration.ofSeconds(10));
            }
            openssl.await("CN ?= ?test client", Duration.ofSeconds(5));
            assertFalse(openssl.output().contains("stranger"), openssl.output());
        }
    }
}
