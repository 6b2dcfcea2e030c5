package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateDescriptionsTest {

    @TempDir
    Path dir;

    @Test
    void describesEveryFact() {
        Identity ca = CertificateBuilder.create().commonName("Desc CA").certificateAuthority(0).build();
        Identity leaf = CertificateBuilder.create().commonName("desc.example").addDnsName("desc.example")
                .addIpAddress("127.0.0.1").serverAuth().clientAuth()
                .validity(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))
                .signedBy(ca).build();
        String text = CertificateDescriptions.describe(leaf.leaf());
        List<String> lines = text.lines().toList();
        assertEquals("Subject:            CN=desc.example", lines.get(0));
        assertEquals("Issuer:             CN=Desc CA", lines.get(1));
        assertTrue(lines.get(2).matches("Serial: +[0-9a-f]{2}(:[0-9a-f]{2})+"), lines.get(2));
        assertEquals("Valid:              2026-01-01T00:00:00Z to 2026-04-01T00:00:00Z", lines.get(3));
        assertEquals("Names:              DNS:desc.example, IP:127.0.0.1", lines.get(4));
        assertEquals("Public key:         EC 256 bits (P-256)", lines.get(5));
        assertEquals("Signature:          SHA256withECDSA", lines.get(6));
        assertEquals("Key usage:          digitalSignature", lines.get(7));
        assertEquals("Extended key usage: TLS server authentication, TLS client authentication", lines.get(8));
        assertEquals("CA:                 no", lines.get(9));
        assertTrue(lines.get(10).startsWith("SHA-256:            "), lines.get(10));
        assertEquals(11, lines.size());
        String caText = CertificateDescriptions.describe(ca.leaf());
        assertTrue(caText.contains("CA:                 yes, path length 0"), caText);
        assertTrue(caText.contains("keyCertSign, cRLSign"), caText);
    }

    @Test
    void rsaAndEd25519Keys() {
        String rsa = CertificateDescriptions.describe(CertificateBuilder.create()
                .keyPair(TestKeys.get(KeyType.RSA_3072)).build().leaf());
        assertTrue(rsa.contains("Public key:         RSA 3072 bits"), rsa);
        String ed = CertificateDescriptions.describe(CertificateBuilder.create().keyType(KeyType.ED25519).build().leaf());
        assertTrue(ed.contains("Public key:         Ed25519 255 bits"), ed);
        assertTrue(ed.contains("Names:              none"), ed);
    }

    @Test
    void fingerprintAgreesWithOpenSsl() throws Exception {
        OpenSsl.require();
        Identity id = CertificateBuilder.create().commonName("fp").build();
        PemFiles.writeCertificates(dir.resolve("c.pem"), List.of(id.leaf()));
        String out = OpenSsl.run(dir, "x509", "-in", "c.pem", "-noout", "-fingerprint", "-sha256").trim();
        assertEquals("sha256 Fingerprint=" + CertificateDescriptions.fingerprint(id.leaf()), out);
    }
}
