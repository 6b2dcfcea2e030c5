package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.CertificateStoreException.Problem;

class Pkcs12FilesTest {

    private static final char[] PASSWORD = "p12-pass".toCharArray();

    @TempDir
    Path dir;

    static Identity root;
    static Identity intermediate;

    @BeforeAll
    static void makeCa() {
        root = CertificateBuilder.create().commonName("P12 Root").certificateAuthority(1).build();
        intermediate = CertificateBuilder.create().commonName("P12 Intermediate").certificateAuthority(0)
                .signedBy(root).build();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void roundTripsEveryKeyType(KeyType type) throws Exception {
        Identity id = CertificateBuilder.create().commonName("p12." + type).keyPair(TestKeys.get(type))
                .serverAuth().signedBy(intermediate).build();
        Path file = dir.resolve("id.p12");
        Pkcs12Files.write(file, id, PASSWORD);
        List<Identity> read = Pkcs12Files.read(file, PASSWORD);
        assertEquals(1, read.size());
        assertEquals(id.chain(), read.get(0).chain());
        assertTrue(Arrays.equals(id.privateKey().getEncoded(), read.get(0).privateKey().getEncoded()));
    }

    @Test
    void wrongPasswordTruncationAndCorruptionAreClearErrors() throws Exception {
        Identity id = CertificateBuilder.create().commonName("p12").signedBy(intermediate).build();
        Path file = dir.resolve("id.p12");
        Pkcs12Files.write(file, id, PASSWORD);

        CertificateStoreException wrong = assertThrows(CertificateStoreException.class,
                () -> Pkcs12Files.read(file, "nope".toCharArray()));
        assertEquals(Problem.WRONG_PASSWORD, wrong.problem());
        assertEquals("wrong password for PKCS12 key store " + file, wrong.getMessage());

        byte[] all = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.p12");
        Files.write(truncated, Arrays.copyOf(all, all.length / 2));
        CertificateStoreException t = assertThrows(CertificateStoreException.class,
                () -> Pkcs12Files.read(truncated, PASSWORD));
        assertEquals(Problem.CORRUPT, t.problem());
        assertTrue(t.getMessage().startsWith("truncated or corrupt PKCS12 key store " + truncated), t.getMessage());

        Path garbage = dir.resolve("garbage.p12");
        Files.writeString(garbage, "this is not a PKCS12 file at all");
        assertEquals(Problem.CORRUPT, assertThrows(CertificateStoreException.class,
                () -> Pkcs12Files.read(garbage, PASSWORD)).problem());

        assertEquals(Problem.NOT_FOUND, assertThrows(CertificateStoreException.class,
                () -> Pkcs12Files.read(dir.resolve("none.p12"), PASSWORD)).problem());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void openSslReadsWhatWeWrite(KeyType type) throws Exception {
        OpenSsl.require();
        Identity id = CertificateBuilder.create().commonName("ossl-read").keyPair(TestKeys.get(type))
                .signedBy(intermediate).build();
        Pkcs12Files.write(dir.resolve("id.p12"), id, PASSWORD);
        PemFiles.writeCertificates(dir.resolve("leaf.pem"), List.of(id.leaf()));
        String out = OpenSsl.run(dir, "pkcs12", "-in", "id.p12", "-passin", "pass:" + new String(PASSWORD),
                "-nodes", "-out", "all.pem");
        Identity back = PemFiles.readIdentity(dir.resolve("all.pem"), dir.resolve("all.pem"), null);
        assertEquals(id.chain(), back.chain(), out);
        assertTrue(Arrays.equals(id.privateKey().getEncoded(), back.privateKey().getEncoded()));
        OpenSsl.Result wrong = OpenSsl.tryRun(dir, "pkcs12", "-in", "id.p12", "-passin", "pass:wrong", "-noout");
        assertTrue(wrong.exitCode() != 0, "openssl must refuse the wrong password");
    }

    @Test
    void weReadWhatOpenSslPkcs12ExportWrites() throws Exception {
        OpenSsl.require();
        Identity id = CertificateBuilder.create().commonName("ossl-export").signedBy(intermediate).build();
        PemFiles.writeCertificates(dir.resolve("leaf.pem"), List.of(id.leaf()));
        PemFiles.writeCertificates(dir.resolve("int.pem"), List.of(intermediate.leaf()));
        PemFiles.writePrivateKey(dir.resolve("key.pem"), id.privateKey(), null);
        OpenSsl.run(dir, "pkcs12", "-export", "-in", "leaf.pem", "-inkey", "key.pem", "-certfile", "int.pem",
                "-name", "exported", "-passout", "pass:" + new String(PASSWORD), "-out", "exported.p12");
        List<Identity> read = Pkcs12Files.read(dir.resolve("exported.p12"), PASSWORD);
        assertEquals(1, read.size());
        assertEquals(id.chain(), read.get(0).chain());
        assertTrue(Arrays.equals(id.privateKey().getEncoded(), read.get(0).privateKey().getEncoded()));
        assertEquals(Problem.WRONG_PASSWORD, assertThrows(CertificateStoreException.class,
                () -> Pkcs12Files.read(dir.resolve("exported.p12"), "wrong".toCharArray())).problem());
    }

    @Test
    void weReadOpenSslLegacyRc2Pkcs12() throws Exception {
        OpenSsl.require();
        Identity id = CertificateBuilder.create().commonName("legacy").signedBy(intermediate).build();
        PemFiles.writeCertificates(dir.resolve("leaf.pem"), id.chain());
        PemFiles.writePrivateKey(dir.resolve("key.pem"), id.privateKey(), null);
        OpenSsl.run(dir, "pkcs12", "-export", "-legacy", "-in", "leaf.pem", "-inkey", "key.pem",
                "-passout", "pass:" + new String(PASSWORD), "-out", "legacy.p12");
        String info = OpenSsl.run(dir, "pkcs12", "-legacy", "-in", "legacy.p12", "-passin",
                "pass:" + new String(PASSWORD), "-info", "-noout");
        assertTrue(info.contains("pbeWithSHA1And40BitRC2-CBC"), info);
        List<Identity> read = Pkcs12Files.read(dir.resolve("legacy.p12"), PASSWORD);
        assertEquals(id.chain(), read.get(0).chain());
    }
}
