package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectorsTest {

    private static final Set<String> ANY = Set.of();
    static Identity caA;
    static Identity caB;

    @TempDir
    Path dir;

    @BeforeAll
    static void cas() {
        caA = CertificateBuilder.create().commonName("CA A").certificateAuthority(0).build();
        caB = CertificateBuilder.create().commonName("CA B").certificateAuthority(0).build();
    }

    private static CertificateBuilder server(String... names) {
        CertificateBuilder b = CertificateBuilder.create().commonName(names[0]).serverAuth()
                .keyPair(TestKeys.get(KeyType.EC_P256)).signedBy(caA);
        for (String n : names) {
            b.addDnsName(n);
        }
        return b;
    }

    private static Optional<Identity> pick(ServerCertificateSelector s, String name) {
        return s.select(new ServerCertificateRequest(name, ANY));
    }

    @Test
    void exactNameBeatsWildcardThenLongestValidity() {
        Identity wildcard = server("*.example.com").validFor(Duration.ofDays(300)).build();
        Identity exactShort = server("www.example.com").validFor(Duration.ofDays(10)).build();
        Identity exactLong = server("www.example.com").validFor(Duration.ofDays(20)).build();
        ServerCertificateSelector s = DefaultServerCertificateSelector.builder()
                .store(CertificateStores.inMemory(List.of(wildcard, exactShort, exactLong), List.of())).build();
        assertSame(exactLong, pick(s, "www.example.com").orElseThrow());
        assertSame(exactLong, pick(s, "WWW.example.com.").orElseThrow());
        assertSame(wildcard, pick(s, "api.example.com").orElseThrow());
        assertTrue(pick(s, "example.com").isEmpty());
        assertTrue(pick(s, "other.org").isEmpty());
    }

    @Test
    void unusableIdentitiesAreSkipped() {
        Identity expired = server("a.example").validity(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z")).build();
        Identity clientOnly = CertificateBuilder.create().commonName("a.example").addDnsName("a.example")
                .clientAuth().signedBy(caA).build();
        Identity rsa = CertificateBuilder.create().commonName("a.example").addDnsName("a.example").serverAuth()
                .keyPair(TestKeys.get(KeyType.RSA_2048)).validFor(Duration.ofDays(5)).signedBy(caA).build();
        Identity ec = server("a.example").validFor(Duration.ofDays(1)).build();
        ServerCertificateSelector s = DefaultServerCertificateSelector.builder()
                .store(CertificateStores.inMemory(List.of(expired, clientOnly, rsa, ec), List.of())).build();
        assertSame(rsa, pick(s, "a.example").orElseThrow(), "longest validity among usable");
        assertSame(ec, s.select(new ServerCertificateRequest("a.example", Set.of("EC", "Ed25519"))).orElseThrow());
        assertSame(rsa, s.select(new ServerCertificateRequest("a.example", Set.of("RSA"))).orElseThrow());
        assertTrue(s.select(new ServerCertificateRequest("a.example", Set.of("Ed448"))).isEmpty());
    }

    @Test
    void noSniTakesTheDefaultOrTheFirstUsable() {
        Identity first = server("first.example").build();
        Identity second = server("second.example").build();
        Identity fallback = server("fallback.example").build();
        CertificateStore store = CertificateStores.inMemory(List.of(first, second), List.of());
        assertSame(first, pick(DefaultServerCertificateSelector.builder().store(store).build(), null).orElseThrow());
        ServerCertificateSelector withDefault = DefaultServerCertificateSelector.builder().store(store)
                .defaultIdentity(fallback).build();
        assertSame(fallback, pick(withDefault, null).orElseThrow());
        assertSame(second, pick(withDefault, "second.example").orElseThrow());
        assertSame(fallback, pick(withDefault, "unknown.example").orElseThrow());
    }

    @Test
    void generatesASelfSignedCertificateForAnUnknownNameOnceAndCachesIt() {
        ServerCertificateSelector s = DefaultServerCertificateSelector.builder()
                .generateSelfSignedWhenNoMatch(true).build();
        Identity g = pick(s, "new.example").orElseThrow();
        assertTrue(HostnameMatcher.matches(g.leaf(), "new.example"));
        assertEquals(g.leaf().getSubjectX500Principal(), g.leaf().getIssuerX500Principal());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), List.copyOf(extendedKeyUsage(g)));
        assertSame(g, pick(s, "new.example").orElseThrow());
        Identity ip = pick(s, "127.0.0.1").orElseThrow();
        assertTrue(HostnameMatcher.matches(ip.leaf(), "127.0.0.1"));
        Identity rsaOnly = s.select(new ServerCertificateRequest("new.example", Set.of("Ed25519"))).orElseThrow();
        assertEquals("Ed25519", rsaOnly.leaf().getSigAlgName());
        assertTrue(pick(DefaultServerCertificateSelector.builder().build(), "x.example").isEmpty());
    }

    private static List<String> extendedKeyUsage(Identity id) {
        try {
            return id.leaf().getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void overrideIsAskedFirst() {
        Identity normal = server("o.example").build();
        Identity special = server("special.example").build();
        ServerCertificateSelector s = DefaultServerCertificateSelector.builder()
                .store(CertificateStores.inMemory(List.of(normal), List.of()))
                .override(r -> "o.example".equals(r.serverName()) ? Optional.of(special) : Optional.empty())
                .build();
        assertSame(special, pick(s, "o.example").orElseThrow());
        assertTrue(pick(s, "p.example").isEmpty());
    }

    @Test
    void theCacheFollowsStoreReloads() throws Exception {
        Identity v1 = server("rot.example").build();
        Identity v2 = server("rot.example").build();
        Path chain = dir.resolve("rot.crt");
        Path key = dir.resolve("rot.key");
        PemFiles.writeCertificates(chain, v1.chain());
        PemFiles.writePrivateKey(key, v1.privateKey(), null);
        ServerCertificateSelector s = DefaultServerCertificateSelector.builder()
                .store(CertificateStores.pem(chain, key, null)).build();
        assertEquals(v1.leaf(), pick(s, "rot.example").orElseThrow().leaf());
        PemFiles.writeCertificates(chain, v2.chain()); // same key: a renewed certificate
        assertEquals(v2.leaf(), pick(s, "rot.example").orElseThrow().leaf());
    }

    private static Identity client(Identity ca, Duration validity) {
        return CertificateBuilder.create().commonName("client of " + ca.leaf().getSubjectX500Principal().getName())
                .clientAuth().validFor(validity).signedBy(ca).build();
    }

    private static ClientCertificateRequest askedBy(X500Principal... issuers) {
        return new ClientCertificateRequest("server.example", List.of(issuers), Set.of("EC", "RSA", "Ed25519"));
    }

    @Test
    void clientPrefersAnIdentityFromAnAcceptableIssuer() {
        Identity fromA = client(caA, Duration.ofDays(100));
        Identity fromB = client(caB, Duration.ofDays(10));
        Identity serverOnly = server("s.example").build();
        ClientCertificateSelector s = DefaultClientCertificateSelector.builder()
                .store(CertificateStores.inMemory(List.of(serverOnly, fromA, fromB), List.of())).build();
        assertSame(fromB, s.select(askedBy(caB.leaf().getSubjectX500Principal())).orElseThrow());
        assertSame(fromA, s.select(askedBy(caA.leaf().getSubjectX500Principal())).orElseThrow());
        assertSame(fromA, s.select(askedBy()).orElseThrow(), "no issuers named: longest validity");
        assertSame(fromA, s.select(askedBy(new X500Principal("CN=Nobody"))).orElseThrow(),
                "no issuer matches: any usable one");
        assertTrue(s.select(new ClientCertificateRequest(null, List.of(), Set.of("Ed448"))).isEmpty());
    }

    @Test
    void clientGeneratesOnlyWhenAskedAndOverrideComesFirst() {
        ClientCertificateSelector none = DefaultClientCertificateSelector.builder().build();
        assertTrue(none.select(askedBy()).isEmpty());
        ClientCertificateSelector gen = DefaultClientCertificateSelector.builder()
                .generateSelfSignedWhenNoMatch(true).build();
        Identity g = gen.select(askedBy()).orElseThrow();
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), extendedKeyUsage(g));
        assertSame(g, gen.select(askedBy()).orElseThrow());
        Identity forced = client(caB, Duration.ofDays(1));
        ClientCertificateSelector overridden = DefaultClientCertificateSelector.builder()
                .override(r -> Optional.of(forced)).build();
        assertSame(forced, overridden.select(askedBy()).orElseThrow());
    }
}
