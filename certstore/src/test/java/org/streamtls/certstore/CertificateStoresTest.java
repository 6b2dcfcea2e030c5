package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamtls.certstore.CertificateStoreException.Problem;

class CertificateStoresTest {

    private static final char[] PASSWORD = "store-pass".toCharArray();

    @TempDir
    Path dir;

    static Identity ca;
    static Identity one;
    static Identity two;

    @BeforeAll
    static void makeIdentities() {
        ca = CertificateBuilder.create().commonName("Store CA").certificateAuthority(0).build();
        one = CertificateBuilder.create().commonName("one.example").addDnsName("one.example").serverAuth()
                .signedBy(ca).build();
        two = CertificateBuilder.create().commonName("two.example").addDnsName("two.example").serverAuth()
                .keyType(KeyType.ED25519).signedBy(ca).build();
    }

    private static void assertSameIdentity(Identity expected, Identity actual) {
        assertEquals(expected.chain(), actual.chain());
        assertTrue(Arrays.equals(expected.privateKey().getEncoded(), actual.privateKey().getEncoded()));
    }

    @Test
    void inMemory() {
        CertificateStore s = CertificateStores.inMemory(List.of(one, two), List.of(ca.leaf()));
        assertEquals(List.of(one, two), s.identities());
        assertEquals(List.of(ca.leaf()), s.trustedCertificates());
    }

    @Test
    void pkcs12WithKeyAndTrustedEntries() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("one", one.privateKey(), PASSWORD, one.chain().toArray(new Certificate[0]));
        ks.setCertificateEntry("ca", ca.leaf());
        Path file = dir.resolve("store.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        ReloadingCertificateStore s = CertificateStores.pkcs12(file, PASSWORD);
        assertEquals(1, s.identities().size());
        Identity read = s.identities().get(0);
        // the JDK's PKCS12 completes a key entry's chain from the other certificates in the file
        assertEquals(List.of(one.leaf(), ca.leaf()), read.chain());
        assertTrue(Arrays.equals(one.privateKey().getEncoded(), read.privateKey().getEncoded()));
        assertEquals(List.of(ca.leaf()), s.trustedCertificates());
        assertSame(s.identities(), s.identities(), "unchanged file: same list");
        assertTrue(s.lastReloadFailure().isEmpty());
    }

    @Test
    void pkcs12WrongPasswordAtOpen() throws Exception {
        Path file = dir.resolve("id.p12");
        Pkcs12Files.write(file, one, PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> CertificateStores.pkcs12(file, "wrong".toCharArray()));
        assertEquals(Problem.WRONG_PASSWORD, e.problem());
        assertEquals(file, e.file());
    }

    @Test
    void pkcs12ReloadsOnChangeAndKeepsOldIdentitiesOnABadFile() throws Exception {
        Path file = dir.resolve("id.p12");
        Pkcs12Files.write(file, one, PASSWORD);
        ReloadingCertificateStore s = CertificateStores.pkcs12(file, PASSWORD);
        List<Identity> first = s.identities();
        assertSameIdentity(one, first.get(0));

        Pkcs12Files.write(file, two, PASSWORD);
        List<Identity> second = s.identities();
        assertNotSame(first, second);
        assertSameIdentity(two, second.get(0));

        byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length - 40)); // a half-written rotation
        assertSame(second, s.identities(), "a bad new file keeps the old identities");
        CertificateStoreException why = s.lastReloadFailure().orElseThrow();
        assertEquals(Problem.CORRUPT, why.problem());
        assertTrue(why.getMessage().contains(file.toString()), why.getMessage());
        assertSame(second, s.identities());

        Pkcs12Files.write(file, one, "other-pass".toCharArray()); // rotated with another password
        assertSame(second, s.identities());
        assertEquals(Problem.WRONG_PASSWORD, s.lastReloadFailure().orElseThrow().problem());

        Pkcs12Files.write(file, one, PASSWORD);
        assertSameIdentity(one, s.identities().get(0));
        assertTrue(s.lastReloadFailure().isEmpty());

        Files.delete(file);
        assertSameIdentity(one, s.identities().get(0));
        assertEquals(Problem.NOT_FOUND, s.lastReloadFailure().orElseThrow().problem());
        assertThrows(CertificateStoreException.class, s::reload);
    }

    @Test
    void pemPairWithEncryptedKeyRotates() throws Exception {
        Path chain = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        PemFiles.writeCertificates(chain, one.chain());
        PemFiles.writePrivateKey(key, one.privateKey(), PASSWORD);
        ReloadingCertificateStore s = CertificateStores.pem(chain, key, PASSWORD);
        assertSameIdentity(one, s.identities().get(0));
        assertEquals(List.of(), s.trustedCertificates());

        PemFiles.writeCertificates(chain, two.chain()); // the certificate first, the key not yet
        assertSameIdentity(one, s.identities().get(0));
        assertEquals(Problem.KEY_MISMATCH, s.lastReloadFailure().orElseThrow().problem());

        PemFiles.writePrivateKey(key, two.privateKey(), PASSWORD);
        assertSameIdentity(two, s.identities().get(0));
        assertTrue(s.lastReloadFailure().isEmpty());
    }

    @Test
    void pemWrongPasswordAtOpen() throws Exception {
        Path chain = dir.resolve("c.pem");
        Path key = dir.resolve("k.pem");
        PemFiles.writeCertificates(chain, one.chain());
        PemFiles.writePrivateKey(key, one.privateKey(), PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> CertificateStores.pem(chain, key, "nope".toCharArray()));
        assertEquals(Problem.WRONG_PASSWORD, e.problem());
        assertEquals(key, e.file());
    }

    @Test
    void pemFolderOfPairsFollowsAddedAndRemovedFiles() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("certs"));
        PemFiles.writeCertificates(folder.resolve("one.crt"), one.chain());
        PemFiles.writePrivateKey(folder.resolve("one.key"), one.privateKey(), null);
        Files.writeString(folder.resolve("README.txt"), "not a certificate");
        ReloadingCertificateStore s = CertificateStores.pemFolder(folder, null);
        assertEquals(1, s.identities().size());
        assertSameIdentity(one, s.identities().get(0));

        // a combined file: key and chain in one .pem
        String combined = Files.readString(folder.resolve("one.crt"));
        PemFiles.writePrivateKey(dir.resolve("two.key"), two.privateKey(), null);
        PemFiles.writeCertificates(dir.resolve("two.crt"), two.chain());
        Files.writeString(folder.resolve("two.pem"), Files.readString(dir.resolve("two.key"))
                + Files.readString(dir.resolve("two.crt")));
        assertEquals(2, s.identities().size());
        assertSameIdentity(two, s.identities().get(1));

        Files.delete(folder.resolve("one.key"));
        Files.delete(folder.resolve("one.crt"));
        assertEquals(1, s.identities().size());
        assertSameIdentity(two, s.identities().get(0));

        Files.writeString(folder.resolve("three.key"), Files.readString(dir.resolve("two.key")));
        assertEquals(1, s.identities().size(), "a key without its certificate keeps the old contents");
        CertificateStoreException why = s.lastReloadFailure().orElseThrow();
        assertEquals(Problem.MISSING_CERTIFICATE, why.problem());
        assertEquals(folder.resolve("three.key"), why.file());
        assertTrue(combined.contains("BEGIN CERTIFICATE"));
    }

    @Test
    void pemFolderMissing() {
        assertEquals(Problem.NOT_FOUND, assertThrows(CertificateStoreException.class,
                () -> CertificateStores.pemFolder(dir.resolve("none"), null)).problem());
    }

    @Test
    void bcfksThroughTheGenericKeyStorePath() throws Exception {
        KeyStore ks = KeyStore.getInstance("BCFKS", new BouncyCastleProvider());
        ks.load(null, null);
        ks.setKeyEntry("one", one.privateKey(), PASSWORD, one.chain().toArray(new Certificate[0]));
        ks.setCertificateEntry("ca", ca.leaf());
        Path file = dir.resolve("store.bcfks");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        ReloadingCertificateStore s = CertificateStores.keyStore("BCFKS", "BC", file, PASSWORD);
        assertEquals(1, s.identities().size());
        assertEquals(one.chain(), s.identities().get(0).chain());
        assertEquals(List.of(ca.leaf()), s.trustedCertificates());
        assertEquals(Problem.WRONG_PASSWORD, assertThrows(CertificateStoreException.class,
                () -> CertificateStores.keyStore("BCFKS", "BC", file, "bad".toCharArray())).problem());
    }

    @Test
    void unknownTypeOrProviderIsUnsupported() throws Exception {
        Path file = dir.resolve("id.p12");
        Pkcs12Files.write(file, one, PASSWORD);
        CertificateStoreException type = assertThrows(CertificateStoreException.class,
                () -> CertificateStores.keyStore("NoSuchType", null, file, PASSWORD));
        assertEquals(Problem.UNSUPPORTED, type.problem());
        CertificateStoreException provider = assertThrows(CertificateStoreException.class,
                () -> CertificateStores.keyStore("Windows-MY", "SunMSCAPI", null, null));
        assertEquals(Problem.UNSUPPORTED, provider.problem(), provider.getMessage());
        assertFalse(provider.getMessage().isEmpty());
    }

    @Test
    void storeBackedTrustAnchorsFollowReloads() throws Exception {
        Identity otherCa = CertificateBuilder.create().commonName("Other CA").certificateAuthority(0).build();
        Identity underOther = CertificateBuilder.create().commonName("u").addDnsName("u.example").serverAuth()
                .signedBy(otherCa).build();
        Path file = dir.resolve("trust.p12");
        writeTrustStore(file, ca);
        ReloadingCertificateStore trust = CertificateStores.pkcs12(file, PASSWORD);
        TrustVerifier v = PkixTrustVerifier.builder().trustAnchors(TrustAnchors.store(trust)).build();
        assertTrue(v.verify(one.chain(), "one.example", Purpose.SERVER).accepted());
        assertFalse(v.verify(underOther.chain(), "u.example", Purpose.SERVER).trusted());

        writeTrustStore(file, otherCa);
        assertTrue(v.verify(underOther.chain(), "u.example", Purpose.SERVER).accepted());
        assertFalse(v.verify(one.chain(), "one.example", Purpose.SERVER).trusted());
    }

    private static void writeTrustStore(Path file, Identity anchor) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("anchor", anchor.leaf());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, PASSWORD);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void openSslReqOutputInAPemStore() throws Exception {
        OpenSsl.require();
        OpenSsl.run(dir, "req", "-x509", "-newkey", "rsa:2048", "-keyout", "k.pem", "-passout", "pass:pw",
                "-out", "c.pem", "-subj", "/CN=ossl.example", "-days", "1", "-addext", "subjectAltName=DNS:ossl.example");
        ReloadingCertificateStore s = CertificateStores.pem(dir.resolve("c.pem"), dir.resolve("k.pem"), "pw".toCharArray());
        assertTrue(HostnameMatcher.matches(s.identities().get(0).leaf(), "ossl.example"));
    }
}
