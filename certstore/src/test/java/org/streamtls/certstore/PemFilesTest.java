package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.CertificateStoreException.Problem;

class PemFilesTest {

    private static final char[] PASSWORD = "s3cret-pass".toCharArray();

    @TempDir
    Path dir;

    static Identity root;
    static Identity intermediate;
    static Identity leaf;

    @BeforeAll
    static void makeChain() {
        root = CertificateBuilder.create().commonName("Pem Root").certificateAuthority(1).build();
        intermediate = CertificateBuilder.create().commonName("Pem Intermediate").certificateAuthority(0)
                .signedBy(root).build();
        leaf = CertificateBuilder.create().commonName("pem.example").addDnsName("pem.example").serverAuth()
                .signedBy(intermediate).build();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void keysRoundTripPlainAndEncrypted(KeyType type) throws Exception {
        PrivateKey key = TestKeys.get(type).getPrivate();
        PemFiles.writePrivateKey(dir.resolve("plain.pem"), key, null);
        PemFiles.writePrivateKey(dir.resolve("enc.pem"), key, PASSWORD);

        String plain = Files.readString(dir.resolve("plain.pem"));
        String enc = Files.readString(dir.resolve("enc.pem"));
        assertTrue(plain.startsWith("-----BEGIN PRIVATE KEY-----"), plain);
        assertTrue(enc.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), enc);
        assertTrue(Arrays.equals(key.getEncoded(), PemFiles.readPrivateKey(dir.resolve("plain.pem"), null).getEncoded()));
        assertTrue(Arrays.equals(key.getEncoded(), PemFiles.readPrivateKey(dir.resolve("enc.pem"), PASSWORD).getEncoded()));
    }

    @Test
    void keyFilesAreOwnerOnly() throws Exception {
        PemFiles.writePrivateKey(dir.resolve("k.pem"), leaf.privateKey(), null);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.pem"))));
        }
    }

    @Test
    void chainRoundTripsAndReadIdentityOrdersACertificateFileGivenOutOfOrder() throws Exception {
        PemFiles.writeCertificates(dir.resolve("chain.pem"), List.of(root.leaf(), leaf.leaf(), intermediate.leaf()));
        PemFiles.writePrivateKey(dir.resolve("key.pem"), leaf.privateKey(), null);
        assertEquals(List.of(root.leaf(), leaf.leaf(), intermediate.leaf()),
                PemFiles.readCertificates(dir.resolve("chain.pem")));

        Identity read = PemFiles.readIdentity(dir.resolve("chain.pem"), dir.resolve("key.pem"), null);
        assertEquals(List.of(leaf.leaf(), intermediate.leaf(), root.leaf()), read.chain());
    }

    @Test
    void crlfAndTextAroundBlocksAreAccepted() throws Exception {
        PemFiles.writeCertificates(dir.resolve("a.pem"), List.of(leaf.leaf(), intermediate.leaf()));
        PemFiles.writePrivateKey(dir.resolve("k.pem"), leaf.privateKey(), PASSWORD);
        String certs = Files.readString(dir.resolve("a.pem"));
        String key = Files.readString(dir.resolve("k.pem"));
        String messy = ("Bag Attributes\n    friendlyName: pem.example\nsubject=CN = pem.example\n"
                + certs.replace("-----END CERTIFICATE-----\n", "-----END CERTIFICATE-----\nsome comment between\n\n")
                + "\ntrailing words\n" + key + "the end").replace("\n", "\r\n");
        Files.writeString(dir.resolve("messy.pem"), messy);

        Identity read = PemFiles.readIdentity(dir.resolve("messy.pem"), dir.resolve("messy.pem"), PASSWORD);
        assertEquals(leaf.chain(), read.chain());
        assertTrue(Arrays.equals(leaf.privateKey().getEncoded(), read.privateKey().getEncoded()));
    }

    @Test
    void wrongPasswordIsAClearError() throws Exception {
        Path file = dir.resolve("enc.pem");
        PemFiles.writePrivateKey(file, leaf.privateKey(), PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> PemFiles.readPrivateKey(file, "wrong".toCharArray()));
        assertEquals(Problem.WRONG_PASSWORD, e.problem());
        assertEquals(file, e.file());
        assertEquals("wrong password for the encrypted private key in " + file + " (or the key is corrupt)",
                e.getMessage());

        CertificateStoreException none = assertThrows(CertificateStoreException.class,
                () -> PemFiles.readPrivateKey(file, null));
        assertEquals(Problem.WRONG_PASSWORD, none.problem());
        assertEquals("the private key in " + file + " is encrypted and no password was given", none.getMessage());
    }

    @Test
    void truncatedFileIsCorrupt() throws Exception {
        Path file = dir.resolve("chain.pem");
        PemFiles.writeCertificates(file, List.of(leaf.leaf()));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> PemFiles.readCertificates(file));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().startsWith("truncated or corrupt PEM data in " + file + ": "), e.getMessage());
    }

    @Test
    void corruptBase64AndCorruptDerAreCorrupt() throws Exception {
        Path badBase64 = dir.resolve("b64.pem");
        Files.writeString(badBase64, "-----BEGIN CERTIFICATE-----\nMII!!!not*base64\n-----END CERTIFICATE-----\n");
        assertEquals(Problem.CORRUPT, assertThrows(CertificateStoreException.class,
                () -> PemFiles.readCertificates(badBase64)).problem());

        Path badDer = dir.resolve("der.pem");
        Files.writeString(badDer, "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAA\n-----END CERTIFICATE-----\n");
        assertEquals(Problem.CORRUPT, assertThrows(CertificateStoreException.class,
                () -> PemFiles.readCertificates(badDer)).problem());

        Path badKey = dir.resolve("key.pem");
        Files.writeString(badKey, "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> PemFiles.readPrivateKey(badKey, null));
        assertTrue(e.problem() == Problem.CORRUPT || e.problem() == Problem.UNSUPPORTED, e.toString());
        assertTrue(e.getMessage().contains(badKey.toString()), e.getMessage());
    }

    @Test
    void missingFileEmptyFileAndKeyMismatch() throws Exception {
        Path missing = dir.resolve("nope.pem");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> PemFiles.readCertificates(missing));
        assertEquals(Problem.NOT_FOUND, e.problem());
        assertEquals("file not found: " + missing, e.getMessage());

        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "nothing here\n");
        assertEquals(Problem.MISSING_CERTIFICATE, assertThrows(CertificateStoreException.class,
                () -> PemFiles.readCertificates(empty)).problem());
        assertEquals(Problem.MISSING_KEY, assertThrows(CertificateStoreException.class,
                () -> PemFiles.readPrivateKey(empty, null)).problem());

        PemFiles.writeCertificates(dir.resolve("c.pem"), List.of(leaf.leaf()));
        PemFiles.writePrivateKey(dir.resolve("other.pem"), intermediate.privateKey(), null);
        CertificateStoreException mismatch = assertThrows(CertificateStoreException.class,
                () -> PemFiles.readIdentity(dir.resolve("c.pem"), dir.resolve("other.pem"), null));
        assertEquals(Problem.KEY_MISMATCH, mismatch.problem());
    }

    @Test
    void messagesNeverContainKeyMaterial() throws Exception {
        Path file = dir.resolve("k.pem");
        PemFiles.writePrivateKey(file, leaf.privateKey(), null);
        String pem = Files.readString(file);
        String body = pem.split("\n")[1];
        Files.writeString(file, pem.substring(0, pem.length() - 10));
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> PemFiles.readPrivateKey(file, null));
        assertFalse(e.getMessage().contains(body.substring(0, 16)), e.getMessage());
    }

    @Test
    void openSslReadsOurEncryptedKeyAndCertificates() throws Exception {
        OpenSsl.require();
        PemFiles.writePrivateKey(dir.resolve("key.pem"), leaf.privateKey(), PASSWORD);
        PemFiles.writeCertificates(dir.resolve("chain.pem"), leaf.chain());
        String out = OpenSsl.run(dir, "pkey", "-in", "key.pem", "-passin", "pass:" + new String(PASSWORD),
                "-pubout");
        String ours = OpenSsl.run(dir, "x509", "-in", "chain.pem", "-noout", "-pubkey");
        assertEquals(ours.trim(), out.trim());
    }

    @Test
    void weReadTheKeyFormsOpenSslWrites() throws Exception {
        OpenSsl.require();
        // openssl req: a self-signed certificate with a fresh PKCS#8 key
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "req-key.pem", "-out", "req-cert.pem", "-subj", "/CN=req.example", "-days", "2",
                "-addext", "subjectAltName=DNS:req.example");
        Identity req = PemFiles.readIdentity(dir.resolve("req-cert.pem"), dir.resolve("req-key.pem"), null);
        assertEquals("CN=req.example", req.leaf().getSubjectX500Principal().getName());

        // PKCS#1 RSA, plain and legacy-encrypted, from one RSA key
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa8.pem");
        OpenSsl.run(dir, "rsa", "-in", "rsa8.pem", "-traditional", "-out", "rsa1.pem");
        OpenSsl.run(dir, "rsa", "-in", "rsa8.pem", "-traditional", "-aes256", "-passout", "pass:pw", "-out", "rsa1enc.pem");
        OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "rsa8.pem", "-v2", "aes-256-cbc", "-passout", "pass:pw",
                "-out", "rsa8enc.pem");
        assertTrue(Files.readString(dir.resolve("rsa1.pem")).contains("BEGIN RSA PRIVATE KEY"));
        assertTrue(Files.readString(dir.resolve("rsa1enc.pem")).contains("Proc-Type: 4,ENCRYPTED"));
        byte[] expected = PemFiles.readPrivateKey(dir.resolve("rsa8.pem"), null).getEncoded();
        assertTrue(Arrays.equals(expected, PemFiles.readPrivateKey(dir.resolve("rsa1.pem"), null).getEncoded()));
        assertTrue(Arrays.equals(expected,
                PemFiles.readPrivateKey(dir.resolve("rsa1enc.pem"), "pw".toCharArray()).getEncoded()));
        assertTrue(Arrays.equals(expected,
                PemFiles.readPrivateKey(dir.resolve("rsa8enc.pem"), "pw".toCharArray()).getEncoded()));
        assertEquals(Problem.WRONG_PASSWORD, assertThrows(CertificateStoreException.class,
                () -> PemFiles.readPrivateKey(dir.resolve("rsa1enc.pem"), "nope".toCharArray())).problem());

        // SEC1 EC with its "EC PARAMETERS" block first
        OpenSsl.run(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.pem");
        String sec1 = Files.readString(dir.resolve("sec1.pem"));
        assertTrue(sec1.contains("BEGIN EC PARAMETERS") && sec1.contains("BEGIN EC PRIVATE KEY"), sec1);
        PrivateKey ec = PemFiles.readPrivateKey(dir.resolve("sec1.pem"), null);
        assertEquals("EC", ec.getAlgorithm());
        OpenSsl.run(dir, "req", "-new", "-x509", "-key", "sec1.pem", "-out", "sec1-cert.pem", "-subj", "/CN=sec1",
                "-days", "1");
        Identity sec1Id = PemFiles.readIdentity(dir.resolve("sec1-cert.pem"), dir.resolve("sec1.pem"), null);
        X509Certificate c = sec1Id.leaf();
        assertEquals("CN=sec1", c.getSubjectX500Principal().getName());

        // Ed25519
        OpenSsl.run(dir, "genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
        assertTrue(PemFiles.readPrivateKey(dir.resolve("ed.pem"), null).getAlgorithm().startsWith("Ed"));
        assertTrue(new String(Files.readAllBytes(dir.resolve("ed.pem")), StandardCharsets.US_ASCII)
                .contains("BEGIN PRIVATE KEY"));
    }
}
