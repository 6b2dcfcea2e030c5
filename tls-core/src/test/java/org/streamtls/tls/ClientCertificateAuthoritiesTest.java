package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.CertificateStore;
import org.streamtls.certstore.CertificateStores;
import org.streamtls.certstore.DefaultClientCertificateSelector;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.certstore.TrustVerifier;

/**
 * The certificate authorities our server names in its CertificateRequest (TLS 1.2 field, TLS 1.3
 * extension): by default the subjects of the anchors it verifies clients against, or a list set
 * explicitly; what our client's selector receives from them, and what openssl s_client prints.
 *
 * <p>The client holds two identities: the test client under the test root (valid one day) and a
 * "stranger" under another root (valid twenty days). Without an issuer list certstore's default
 * selector takes the longer-lived stranger, which a server trusting only the test root refuses.
 */
class ClientCertificateAuthoritiesTest {

    private static final Identity OTHER_ROOT = CertificateBuilder.create().commonName("StreamTLS Other Root")
            .certificateAuthority(0).validFor(Duration.ofDays(30)).build();

    private static final Identity STRANGER = CertificateBuilder.create().commonName("stranger").clientAuth()
            .validFor(Duration.ofDays(20)).signedBy(OTHER_ROOT).build();

    private static final X500Principal ROOT_NAME = Pki.ROOT.leaf().getSubjectX500Principal();
    private static final X500Principal OTHER_NAME = OTHER_ROOT.leaf().getSubjectX500Principal();

    @TempDir
    Path tmp;

    private static RecordingClientSelector twoIdentities() {
        return new RecordingClientSelector(DefaultClientCertificateSelector.builder()
                .store(CertificateStores.inMemory(List.of(STRANGER, Pki.CLIENT), List.of())).build());
    }

    private static TlsServerConfig.Builder serverNeedingClients() {
        return Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.NEED).clientTrustVerifier(Pki.trust());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void ourClientGetsTheOneTrustedCaAndChoosesItsIdentity(TlsVersion version) throws Exception {
        RecordingClientSelector selector = twoIdentities();
        AtomicReference<TlsSessionInfo> atServer = new AtomicReference<>();
        try (TestServer server = TestServer.start(serverNeedingClients().build(), tls -> {
            atServer.set(tls.session());
            new EchoSession().serve(tls);
        })) {
            TlsClientConfig config = Pki.clientConfig().versions(Set.of(version)).clientCertificateSelector(selector)
                    .build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                Lines.send(tls, "who am I");
                assertEquals("echo:who am I", Lines.read(tls));
                assertEquals(version, tls.session().version());
            }
            server.assertServedOk();
        }
        assertEquals(List.of(ROOT_NAME), selector.onlyIssuers());
        assertEquals(Pki.CLIENT.leaf(), atServer.get().peerChain().get(0));
        assertTrue(atServer.get().peerTrusted());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void anEmptyListNamesNoneAndTheClientChoosesWithoutGuidance(TlsVersion version) throws Exception {
        RecordingClientSelector selector = twoIdentities();
        TlsServerConfig config = serverNeedingClients().clientCertificateAuthorities(List.of()).build();
        assertEquals(List.of(), config.clientCertificateAuthorities());
        try (TestServer server = TestServer.start(config, new EchoSession())) {
            TlsClientConfig client = Pki.clientConfig().versions(Set.of(version)).clientCertificateSelector(selector)
                    .build();
            // the selector takes the longer-lived stranger, which this server does not trust
            TlsException e = assertThrows(TlsException.class, () -> {
                try (TlsConnection tls = TlsClient.connect("localhost", server.port(), client)) {
                    Lines.read(tls); // TLS 1.3: the server's refusal arrives after the client's Finished
                }
            });
            assertTrue(server.awaitResult() instanceof PeerCertificateRefusedException, e.toString());
        }
        assertEquals(List.of(), selector.onlyIssuers());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void anExplicitListIsSentAsGiven(TlsVersion version) throws Exception {
        RecordingClientSelector selector = twoIdentities();
        TlsServerConfig config = serverNeedingClients().clientCertificateAuthorities(List.of(OTHER_NAME, ROOT_NAME))
                .clientCertificateAcceptable((chain, decision) -> true).build();
        try (TestServer server = TestServer.start(config, new EchoSession())) {
            TlsClientConfig client = Pki.clientConfig().versions(Set.of(version)).clientCertificateSelector(selector)
                    .build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), client)) {
                Lines.send(tls, "listed");
                assertEquals("echo:listed", Lines.read(tls));
            }
            server.assertServedOk();
        }
        assertEquals(List.of(OTHER_NAME, ROOT_NAME), selector.onlyIssuers());
    }

    @Test
    void theDefaultFollowsTheTrustAnchorsOfAStore() throws Exception {
        AtomicReference<List<X509Certificate>> trusted = new AtomicReference<>(List.of(Pki.ROOT.leaf()));
        CertificateStore store = new CertificateStore() {
            @Override
            public List<Identity> identities() {
                return List.of();
            }

            @Override
            public List<X509Certificate> trustedCertificates() {
                return trusted.get();
            }
        };
        TrustVerifier verifier = PkixTrustVerifier.builder().trustAnchors(TrustAnchors.store(store)).build();
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.WANT)
                .clientTrustVerifier(verifier).build();
        assertEquals(List.of(ROOT_NAME), config.clientCertificateAuthorities());
        try (TestServer server = TestServer.start(config, new EchoSession())) {
            trusted.set(List.of(Pki.ROOT.leaf(), OTHER_ROOT.leaf())); // the store reloaded
            RecordingClientSelector selector = twoIdentities();
            TlsClientConfig client = Pki.clientConfig().clientCertificateSelector(selector).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), client)) {
                Lines.send(tls, "reloaded");
                assertEquals("echo:reloaded", Lines.read(tls));
            }
            server.assertServedOk();
            assertEquals(List.of(ROOT_NAME, OTHER_NAME), selector.onlyIssuers());
        }
    }

    @Test
    void theDefaultComesFromAPemBundleButNotFromTheJdkCacertsNorAnotherVerifier() throws Exception {
        Path bundle = tmp.resolve("client-cas.pem");
        PemFiles.writeCertificates(bundle, List.of(Pki.ROOT.leaf(), OTHER_ROOT.leaf()));
        TrustVerifier fromPem = PkixTrustVerifier.builder().trustAnchors(TrustAnchors.pemBundle(bundle)).build();
        assertEquals(List.of(ROOT_NAME, OTHER_NAME), serverWith(fromPem).clientCertificateAuthorities());

        assertEquals(List.of(), serverWith(TrustVerifier.defaults()).clientCertificateAuthorities(),
                "the JDK's cacerts is no small explicit set");
        TrustVerifier custom = (chain, name, purpose) -> fromPem.verify(chain, name, purpose);
        assertEquals(List.of(), serverWith(custom).clientCertificateAuthorities(),
                "a verifier whose anchors cannot be seen names none");
        assertEquals(List.of(OTHER_NAME), Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.NEED)
                .clientTrustVerifier(TrustVerifier.defaults()).clientCertificateAuthorities(List.of(OTHER_NAME))
                .build().clientCertificateAuthorities(), "an explicit list wins over the default");
    }

    private static TlsServerConfig serverWith(TrustVerifier verifier) {
        return Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.NEED).clientTrustVerifier(verifier).build();
    }

    @Test
    void theBuilderRefusesAListNoCertificateRequestCanCarry() {
        List<X500Principal> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(new X500Principal("CN=" + "a".repeat(1000) + i));
        }
        TlsServerConfig.Builder builder = serverNeedingClients();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.clientCertificateAuthorities(many));
        assertTrue(e.getMessage().contains("70 client certificate authorities") && e.getMessage().contains("65535"),
                e.getMessage());
        List<X500Principal> withNull = new ArrayList<>(List.of(ROOT_NAME));
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> builder.clientCertificateAuthorities(withNull));
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void opensslClientPrintsTheCaNames(TlsVersion version) throws Exception {
        ExternalPeer.require("openssl");
        String root = new PemDir(tmp).root();
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.WANT)
                .clientTrustVerifier(Pki.trust()).build();
        String output = opensslClientOutput(config, root, version);
        assertTrue(output.matches("(?s).*Acceptable client certificate CA names\\R"
                + "CN ?= ?StreamTLS Test Root\\R.*"), output);
        assertFalse(output.contains("Other Root"), output);
    }

    @Test
    void opensslClientSeesNoCaNamesWhenNoneAreSent() throws Exception {
        ExternalPeer.require("openssl");
        String root = new PemDir(tmp).root();
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC).clientAuth(ClientAuth.WANT)
                .clientTrustVerifier(Pki.trust()).clientCertificateAuthorities(List.of()).build();
        String output = opensslClientOutput(config, root, TlsVersion.TLS_1_3);
        assertTrue(output.contains("No client certificate CA names sent"), output);
    }

    /** openssl s_client (without a certificate) through one exchange with our server; its output. */
    private static String opensslClientOutput(TlsServerConfig config, String root, TlsVersion version)
            throws Exception {
        try (TestServer server = TestServer.start(config, new EchoSession());
             ExternalPeer client = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                     "127.0.0.1:" + server.port(), "-servername", "localhost", "-CAfile", root,
                     "-verify_return_error", version == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2"))) {
            client.await("Verify return code: 0 \\(ok\\)", Duration.ofSeconds(10));
            client.send("hello\n");
            client.await("echo:hello", Duration.ofSeconds(10));
            client.closeStdin();
            server.assertServedOk();
            client.awaitExit(Duration.ofSeconds(10));
            return client.output();
        }
    }
}
