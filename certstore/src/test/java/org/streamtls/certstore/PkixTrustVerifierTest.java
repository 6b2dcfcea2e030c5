package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamtls.certstore.TrustFailure.Kind;

class PkixTrustVerifierTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_AHEAD = Instant.parse("2040-01-01T00:00:00Z");
    private static final KeyPair LEAF_KEY = TestKeys.get(KeyType.EC_P256);

    static Identity root;
    static Identity intermediate;
    static Identity leaf;
    static PkixTrustVerifier verifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void makePki() {
        root = ca("Root", -1, null);
        intermediate = ca("Intermediate", 0, root);
        leaf = server("leaf", intermediate).addDnsName("www.example.com").addDnsName("example.com").build();
        verifier = verifierAt(NOW, root.leaf());
    }

    private static Identity ca(String cn, int pathLen, Identity issuer) {
        CertificateBuilder b = CertificateBuilder.create().commonName(cn).certificateAuthority(pathLen)
                .validity(LONG_AGO, FAR_AHEAD);
        if (issuer != null) {
            b.signedBy(issuer);
        }
        return b.build();
    }

    private static CertificateBuilder server(String cn, Identity issuer) {
        return CertificateBuilder.create().commonName(cn).keyPair(LEAF_KEY).serverAuth()
                .validity(LONG_AGO, FAR_AHEAD).signedBy(issuer);
    }

    private static PkixTrustVerifier verifierAt(Instant at, X509Certificate... anchors) {
        return PkixTrustVerifier.builder().trustAnchors(TrustAnchors.of(List.of(anchors)))
                .clock(Clock.fixed(at, ZoneOffset.UTC)).build();
    }

    private static List<Kind> kinds(TrustDecision d) {
        return d.reasons().stream().map(TrustFailure::kind).collect(Collectors.toList());
    }

    @Test
    void validChainIsAccepted() {
        TrustDecision d = verifier.verify(leaf.chain(), "www.example.com", Purpose.SERVER);
        assertTrue(d.accepted(), d.summary());
        assertTrue(d.trusted());
        assertTrue(d.nameMatches());
        assertEquals("accepted", d.summary());
        assertEquals(List.of(leaf.leaf(), intermediate.leaf(), root.leaf()), d.path());
    }

    @Test
    void nullNameSkipsTheNameCheck() {
        TrustDecision d = verifier.verify(leaf.chain(), null, Purpose.SERVER);
        assertTrue(d.accepted(), d.summary());
    }

    @Test
    void intermediatesInAnyOrderWithStrangersAmongThem() {
        Identity int1 = ca("Int One", 2, root);
        Identity int2 = ca("Int Two", 1, int1);
        Identity int3 = ca("Int Three", 0, int2);
        Identity l = server("deep", int3).addDnsName("deep.example").build();
        Identity stranger = ca("Stranger", 0, null);
        List<X509Certificate> shuffled = List.of(l.leaf(), int1.leaf(), stranger.leaf(), int3.leaf(), int2.leaf());
        TrustDecision d = verifier.verify(shuffled, "deep.example", Purpose.SERVER);
        assertTrue(d.accepted(), d.summary());
        assertEquals(List.of(l.leaf(), int3.leaf(), int2.leaf(), int1.leaf(), root.leaf()), d.path());
    }

    @Test
    void expiredLeaf() {
        Identity l = CertificateBuilder.create().commonName("old").keyPair(LEAF_KEY).serverAuth().addDnsName("old.example")
                .validity(LONG_AGO, Instant.parse("2026-01-01T00:00:00Z")).signedBy(intermediate).build();
        TrustDecision d = verifier.verify(l.chain(), "old.example", Purpose.SERVER);
        assertEquals(List.of(Kind.EXPIRED), kinds(d));
        assertEquals("certificate CN=old expired on 2026-01-01T00:00:00Z", d.reasons().get(0).message());
        assertSame(l.leaf(), d.reasons().get(0).certificate());
        assertFalse(d.trusted());
        assertTrue(d.nameMatches());
        assertEquals("refused: certificate CN=old expired on 2026-01-01T00:00:00Z", d.summary());
    }

    @Test
    void notYetValidLeaf() {
        Identity l = CertificateBuilder.create().commonName("future").keyPair(LEAF_KEY).serverAuth()
                .validity(Instant.parse("2030-01-01T00:00:00Z"), FAR_AHEAD).signedBy(intermediate).build();
        TrustDecision d = verifier.verify(l.chain(), null, Purpose.SERVER);
        assertEquals(List.of(Kind.NOT_YET_VALID), kinds(d));
        assertEquals("certificate CN=future is not valid before 2030-01-01T00:00:00Z", d.reasons().get(0).message());
    }

    @Test
    void theInjectedClockDecides() {
        assertTrue(verifierAt(NOW, root.leaf()).verify(leaf.chain(), null, Purpose.SERVER).trusted());
        TrustDecision later = verifierAt(Instant.parse("2041-01-01T00:00:00Z"), root.leaf())
                .verify(leaf.chain(), null, Purpose.SERVER);
        assertEquals(List.of(Kind.EXPIRED, Kind.EXPIRED), kinds(later), later.summary());
    }

    @Test
    void expiredIntermediate() {
        Identity oldInt = CertificateBuilder.create().commonName("Old Intermediate").certificateAuthority(0)
                .validity(LONG_AGO, Instant.parse("2025-12-31T23:59:59Z")).signedBy(root).build();
        Identity l = server("under-old", oldInt).addDnsName("u.example").build();
        TrustDecision d = verifier.verify(l.chain(), "u.example", Purpose.SERVER);
        assertEquals(List.of(Kind.EXPIRED), kinds(d), d.summary());
        assertSame(oldInt.leaf(), d.reasons().get(0).certificate());
        assertEquals("certificate CN=Old Intermediate expired on 2025-12-31T23:59:59Z", d.reasons().get(0).message());
        assertEquals(List.of(l.leaf(), oldInt.leaf(), root.leaf()), d.path());
    }

    @Test
    void anOrderedChainThatDoesNotValidateFallsBackToTheBuilder() {
        // the same intermediate twice (one name, one key): presented first, in order, the expired
        // one; the path search still finds the valid one among the rest
        KeyPair intKey = TestKeys.get(KeyType.EC_P256);
        Identity expired = CertificateBuilder.create().commonName("Reissued Intermediate").keyPair(intKey)
                .certificateAuthority(0).validity(LONG_AGO, Instant.parse("2025-12-31T23:59:59Z"))
                .signedBy(root).build();
        Identity current = CertificateBuilder.create().commonName("Reissued Intermediate").keyPair(intKey)
                .certificateAuthority(0).validity(LONG_AGO, FAR_AHEAD).signedBy(root).build();
        Identity l = server("reissued", current).addDnsName("r.example").build();
        TrustDecision d = verifier.verify(List.of(l.leaf(), expired.leaf(), current.leaf()), "r.example",
                Purpose.SERVER);
        assertTrue(d.accepted(), d.summary());
        assertEquals(List.of(l.leaf(), current.leaf(), root.leaf()), d.path());
    }

    @Test
    void theRootSentAlongIsNotPartOfThePath() {
        List<X509Certificate> withRoot = List.of(leaf.leaf(), intermediate.leaf(), root.leaf());
        TrustDecision d = verifier.verify(withRoot, "www.example.com", Purpose.SERVER);
        assertTrue(d.accepted(), d.summary());
        assertEquals(List.of(leaf.leaf(), intermediate.leaf(), root.leaf()), d.path());
    }

    @Test
    void aForgedSignatureIsRefusedAfterTheIssuersKeyVerifiedOthers() throws Exception {
        // the CA's key is then BouncyCastle's remembered copy (with its precomputation)
        for (int i = 0; i < 3; i++) {
            Identity ok = server("fine " + i, root).addDnsName("fine.example").build();
            assertTrue(verifier.verify(ok.chain(), "fine.example", Purpose.SERVER).accepted());
        }
        Identity direct = server("forged", root).addDnsName("forged.example").build();
        byte[] der = direct.leaf().getEncoded();
        der[der.length - 3] ^= 0x01; // inside the ECDSA signature's last INTEGER
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        TrustDecision d = verifier.verify(List.of(tampered), "forged.example", Purpose.SERVER);
        assertEquals(List.of(Kind.BAD_SIGNATURE), kinds(d), d.summary());
        assertEquals("the signature on certificate CN=forged does not verify with the public key of CN=Root",
                d.reasons().get(0).message());
    }

    @Test
    void unknownIssuer() {
        TrustDecision d = verifier.verify(List.of(leaf.leaf()), "www.example.com", Purpose.SERVER);
        assertEquals(List.of(Kind.UNKNOWN_ISSUER), kinds(d));
        assertEquals("certificate CN=leaf was issued by CN=Intermediate, which is neither trusted nor among"
                + " the certificates presented", d.reasons().get(0).message());
        assertTrue(d.nameMatches());
        assertFalse(d.trusted());
    }

    @Test
    void selfSignedNotTrustedAndTrustedWhenPinned() {
        Identity self = CertificateBuilder.create().commonName("self").keyPair(LEAF_KEY).addDnsName("self.example")
                .validity(LONG_AGO, FAR_AHEAD).build();
        TrustDecision d = verifier.verify(self.chain(), "self.example", Purpose.SERVER);
        assertEquals(List.of(Kind.SELF_SIGNED_UNTRUSTED), kinds(d));
        assertEquals("certificate CN=self is self-signed and not among the trusted certificates",
                d.reasons().get(0).message());

        TrustDecision pinned = verifierAt(NOW, self.leaf()).verify(self.chain(), "self.example", Purpose.SERVER);
        assertTrue(pinned.accepted(), pinned.summary());
    }

    @Test
    void peerSendingAnUntrustedRoot() {
        Identity otherRoot = ca("Other Root", -1, null);
        Identity l = server("other", otherRoot).build();
        List<X509Certificate> chain = List.of(l.leaf(), otherRoot.leaf());
        TrustDecision d = verifier.verify(chain, null, Purpose.SERVER);
        assertEquals(List.of(Kind.SELF_SIGNED_UNTRUSTED), kinds(d));
        assertSame(otherRoot.leaf(), d.reasons().get(0).certificate());
    }

    @Test
    void clientAuthOnlyLeafOfferedAsServer() {
        Identity client = CertificateBuilder.create().commonName("client").keyPair(LEAF_KEY).clientAuth()
                .addDnsName("client.example").validity(LONG_AGO, FAR_AHEAD).signedBy(intermediate).build();
        TrustDecision d = verifier.verify(client.chain(), "client.example", Purpose.SERVER);
        assertEquals(List.of(Kind.WRONG_PURPOSE), kinds(d));
        assertEquals("certificate CN=client is not for TLS server authentication (its extended key usage allows:"
                + " TLS client authentication)", d.reasons().get(0).message());
        assertTrue(verifier.verify(client.chain(), null, Purpose.CLIENT).accepted());
        assertEquals(List.of(Kind.WRONG_PURPOSE), kinds(verifier.verify(leaf.chain(), null, Purpose.CLIENT)));
    }

    @Test
    void intermediateWhoseEkuExcludesThePurpose() {
        Identity clientCa = CertificateBuilder.create().commonName("Client CA").certificateAuthority(0).clientAuth()
                .validity(LONG_AGO, FAR_AHEAD).signedBy(root).build();
        Identity l = CertificateBuilder.create().commonName("l").keyPair(LEAF_KEY)
                .validity(LONG_AGO, FAR_AHEAD).signedBy(clientCa).build();
        TrustDecision d = verifier.verify(l.chain(), null, Purpose.SERVER);
        assertEquals(List.of(Kind.WRONG_PURPOSE), kinds(d));
        assertSame(clientCa.leaf(), d.reasons().get(0).certificate());
    }

    @Test
    void keyUsageWithoutDigitalSignature() throws Exception {
        X509Certificate c = RawCertificates.leaf("ku", "ku.example", LEAF_KEY, intermediate, "SHA256withECDSA",
                RawCertificates.Oddity.KEY_USAGE_WITHOUT_DIGITAL_SIGNATURE, LONG_AGO, FAR_AHEAD);
        TrustDecision d = verifier.verify(List.of(c, intermediate.leaf()), "ku.example", Purpose.SERVER);
        assertEquals(List.of(Kind.WRONG_PURPOSE), kinds(d));
        assertEquals("certificate CN=ku is not for TLS server authentication: its key usage does not allow"
                + " digital signatures", d.reasons().get(0).message());
    }

    @Test
    void nameMismatchListsTheCoveredNames() {
        TrustDecision d = verifier.verify(leaf.chain(), "api.example.com", Purpose.SERVER);
        assertTrue(d.trusted());
        assertFalse(d.nameMatches());
        assertFalse(d.accepted());
        assertEquals(List.of(Kind.NAME_MISMATCH), kinds(d));
        assertEquals("certificate for www.example.com does not cover api.example.com (covers: www.example.com,"
                + " example.com)", d.reasons().get(0).message());
    }

    @Test
    void pathLengthViolation() {
        Identity limited = ca("Limited", 0, root);
        Identity tooMany = ca("Too Many", 0, limited);
        Identity l = server("deep", tooMany).build();
        TrustDecision d = verifier.verify(l.chain(), null, Purpose.SERVER);
        assertEquals(List.of(Kind.PATH_TOO_LONG), kinds(d), d.summary());
        assertSame(tooMany.leaf(), d.reasons().get(0).certificate());
        assertEquals("certificate CN=Too Many is one CA too many: the pathLenConstraint 0 of CN=Limited allows"
                + " fewer intermediate CAs below it", d.reasons().get(0).message());
    }

    @Test
    void badSignature() throws Exception {
        byte[] der = leaf.leaf().getEncoded();
        der[der.length - 3] ^= 0x01; // inside the signature's last INTEGER
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        TrustDecision d = verifier.verify(List.of(tampered, intermediate.leaf()), "www.example.com", Purpose.SERVER);
        assertEquals(List.of(Kind.BAD_SIGNATURE), kinds(d), d.summary());
        assertEquals("the signature on certificate CN=leaf does not verify with the public key of CN=Intermediate",
                d.reasons().get(0).message());
    }

    @Test
    void badSignatureOnAnRsaChain() throws Exception {
        KeyPair rsa = TestKeys.get(KeyType.RSA_2048);
        Identity rsaRoot = CertificateBuilder.create().commonName("RSA Root").keyPair(rsa).certificateAuthority(0)
                .validity(LONG_AGO, FAR_AHEAD).build();
        Identity rsaLeaf = CertificateBuilder.create().commonName("rsa leaf").keyPair(rsa).serverAuth()
                .addDnsName("rsa.example").validity(LONG_AGO, FAR_AHEAD).signedBy(rsaRoot).build();
        PkixTrustVerifier rsaVerifier = verifierAt(NOW, rsaRoot.leaf());
        assertTrue(rsaVerifier.verify(rsaLeaf.chain(), "rsa.example", Purpose.SERVER).accepted());
        byte[] der = rsaLeaf.leaf().getEncoded();
        der[der.length - 3] ^= 0x01; // inside the RSA signature value
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        TrustDecision d = rsaVerifier.verify(List.of(tampered), "rsa.example", Purpose.SERVER);
        assertEquals(List.of(Kind.BAD_SIGNATURE), kinds(d), d.summary());
        assertEquals("the signature on certificate CN=rsa leaf does not verify with the public key of CN=RSA Root",
                d.reasons().get(0).message());
        assertSame(tampered, d.reasons().get(0).certificate());
    }

    @Test
    void pathNamesTheCallersCertificatesAndNoProviderIsInstalled() throws Exception {
        List<String> before = providerNames();
        X509Certificate parsedLeaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(leaf.leaf().getEncoded()));
        List<X509Certificate> chain = List.of(parsedLeaf, intermediate.leaf());
        TrustDecision d = verifier.verify(chain, "www.example.com", Purpose.SERVER);
        assertTrue(d.accepted(), d.summary());
        assertEquals(3, d.path().size());
        assertSame(parsedLeaf, d.path().get(0));
        assertSame(intermediate.leaf(), d.path().get(1));
        assertSame(root.leaf(), d.path().get(2));
        assertEquals(before, providerNames());
    }

    @Test
    void aRememberedSignatureCountsOnlyForTheKeyThatVerifiedIt() throws Exception {
        Identity direct = server("direct", root).addDnsName("direct.example").build();
        assertTrue(verifier.verify(direct.chain(), "direct.example", Purpose.SERVER).accepted());
        // a root with the same name and another key: the same certificate object must not pass
        Identity impostor = ca("Root", -1, null);
        TrustDecision d = verifierAt(NOW, impostor.leaf()).verify(direct.chain(), "direct.example", Purpose.SERVER);
        assertFalse(d.trusted(), d.summary());
        // the JDK refuses that one by key identifier before any signature check: ask the signature directly
        X509Certificate again = org.streamtls.certstore.internal.BcVerifiedCertificate.of(direct.leaf());
        again.verify(root.leaf().getPublicKey());
        assertThrows(java.security.SignatureException.class, () -> again.verify(impostor.leaf().getPublicKey()));
        assertTrue(verifier.verify(direct.chain(), "direct.example", Purpose.SERVER).accepted());
    }

    private static List<String> providerNames() {
        return java.util.Arrays.stream(java.security.Security.getProviders()).map(java.security.Provider::getName)
                .collect(Collectors.toList());
    }

    @Test
    void nameConstraintViolation() {
        Identity constrained = CertificateBuilder.create().commonName("Example Only CA").certificateAuthority(0)
                .addPermittedDnsSubtree("example.com").validity(LONG_AGO, FAR_AHEAD).signedBy(root).build();
        Identity good = server("good", constrained).addDnsName("www.example.com").build();
        Identity evil = server("evil", constrained).addDnsName("www.evil.com").build();
        assertTrue(verifier.verify(good.chain(), "www.example.com", Purpose.SERVER).accepted());
        TrustDecision d = verifier.verify(evil.chain(), "www.evil.com", Purpose.SERVER);
        assertEquals(List.of(Kind.NAME_CONSTRAINTS), kinds(d), d.summary());
        assertEquals("certificate CN=evil has a name outside the name constraints of CN=Example Only CA"
                + " (names: www.evil.com)", d.reasons().get(0).message());
    }

    @Test
    void nameConstraintsOfTheAnchorApply() {
        Identity constrainedRoot = CertificateBuilder.create().commonName("Constrained Root").certificateAuthority(-1)
                .addExcludedDnsSubtree("evil.com").validity(LONG_AGO, FAR_AHEAD).build();
        Identity evil = server("evil", constrainedRoot).addDnsName("www.evil.com").build();
        TrustDecision d = verifierAt(NOW, constrainedRoot.leaf()).verify(evil.chain(), null, Purpose.SERVER);
        assertEquals(List.of(Kind.NAME_CONSTRAINTS), kinds(d), d.summary());
    }

    @Test
    void caWithoutBasicConstraints() {
        Identity notCa = CertificateBuilder.create().commonName("Not A CA").validity(LONG_AGO, FAR_AHEAD)
                .signedBy(root).build();
        Identity l = server("under-leaf", notCa).build();
        TrustDecision d = verifier.verify(l.chain(), null, Purpose.SERVER);
        assertEquals(List.of(Kind.NOT_A_CA), kinds(d), d.summary());
        assertSame(notCa.leaf(), d.reasons().get(0).certificate());
        assertEquals("certificate CN=Not A CA issues certificates but is not a CA (no basicConstraints extension"
                + " with cA=true)", d.reasons().get(0).message());
    }

    @Test
    void weakSignatureAlgorithm() throws Exception {
        Identity rsaRoot = CertificateBuilder.create().commonName("RSA Root").certificateAuthority(-1)
                .keyPair(TestKeys.get(KeyType.RSA_2048)).validity(LONG_AGO, FAR_AHEAD).build();
        X509Certificate md5 = RawCertificates.leaf("md5", "md5.example", LEAF_KEY, rsaRoot, "MD5withRSA",
                RawCertificates.Oddity.NONE, LONG_AGO, FAR_AHEAD);
        TrustDecision d = verifierAt(NOW, rsaRoot.leaf()).verify(List.of(md5), null, Purpose.SERVER);
        assertEquals(List.of(Kind.WEAK_ALGORITHM), kinds(d), d.summary());
    }

    @Test
    void unrecognisedCriticalExtension() throws Exception {
        X509Certificate odd = RawCertificates.leaf("odd", "odd.example", LEAF_KEY, intermediate, "SHA256withECDSA",
                RawCertificates.Oddity.UNKNOWN_CRITICAL_EXTENSION, LONG_AGO, FAR_AHEAD);
        TrustDecision d = verifier.verify(List.of(odd, intermediate.leaf()), null, Purpose.SERVER);
        assertEquals(List.of(Kind.UNRECOGNIZED_CRITICAL_EXTENSION), kinds(d), d.summary());
    }

    @Test
    void noCertificate() {
        TrustDecision d = verifier.verify(List.of(), "x", Purpose.SERVER);
        assertEquals(List.of(Kind.NO_CERTIFICATE), kinds(d));
        assertNull(d.reasons().get(0).certificate());
        assertFalse(d.trusted());
    }

    @Test
    void everyReasonIsReportedTogether() {
        Identity l = CertificateBuilder.create().commonName("bad").keyPair(LEAF_KEY).clientAuth()
                .addDnsName("bad.example").validity(LONG_AGO, Instant.parse("2026-01-01T00:00:00Z"))
                .signedBy(intermediate).build();
        TrustDecision d = verifier.verify(l.chain(), "good.example", Purpose.SERVER);
        assertEquals(List.of(Kind.EXPIRED, Kind.WRONG_PURPOSE, Kind.NAME_MISMATCH), kinds(d), d.summary());
        assertTrue(d.summary().startsWith("refused: certificate CN=bad expired on 2026-01-01T00:00:00Z; "),
                d.summary());
    }

    @Test
    void anchorsFromAPemBundle() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        PemFiles.writeCertificates(bundle, List.of(ca("Unrelated", -1, null).leaf(), root.leaf()));
        PkixTrustVerifier v = PkixTrustVerifier.builder().trustAnchors(TrustAnchors.pemBundle(bundle))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        assertTrue(v.verify(leaf.chain(), "example.com", Purpose.SERVER).accepted());
    }

    @Test
    void jdkDefaultsDoNotTrustOurTestRoot() {
        TrustAnchors jdk = TrustAnchors.jdkDefaults();
        assertFalse(jdk.certificates().isEmpty());
        assertSame(jdk.certificates(), jdk.certificates());
        TrustDecision d = TrustVerifier.defaults().verify(leaf.chain(), "www.example.com", Purpose.SERVER);
        assertFalse(d.trusted());
        assertTrue(d.has(Kind.UNKNOWN_ISSUER), d.summary());
        assertNotNull(d.reasons().get(0).certificate());
    }
}
