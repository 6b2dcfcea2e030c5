package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateBuilderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreASelfSignedP256LeafValidForThirtyDays() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Identity id = CertificateBuilder.create().commonName("defaults").build();
        X509Certificate c = id.leaf();

        assertEquals(1, id.chain().size());
        assertEquals("CN=defaults", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        c.verify(c.getPublicKey());
        assertEquals("SHA256withECDSA", c.getSigAlgName());
        assertEquals("secp256r1 [NIST P-256,X9.62 prime256v1] (1.2.840.10045.3.1.7)",
                ((ECPublicKey) c.getPublicKey()).getParams().toString());
        assertEquals(-1, c.getBasicConstraints(), "a leaf has no basicConstraints");
        assertTrue(c.getKeyUsage()[0], "digitalSignature");
        assertNull(c.getExtendedKeyUsage());
        assertNull(c.getSubjectAlternativeNames());
        assertTrue(!c.getNotBefore().toInstant().isBefore(before));
        assertEquals(Duration.ofDays(30),
                Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()));
        assertTrue(c.getSerialNumber().signum() > 0);
        assertTrue(id.toString().contains("CN=defaults") && !id.toString().contains("PrivateKey"));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyKeyTypeSignsWithSha256OrPureEdDsa(KeyType type) throws Exception {
        Identity id = CertificateBuilder.create().commonName("k").keyPair(TestKeys.get(type)).build();
        X509Certificate c = id.leaf();
        c.verify(c.getPublicKey());
        String expected = switch (type) {
            case EC_P256 -> "SHA256withECDSA";
            case RSA_2048, RSA_3072 -> "SHA256withRSA";
            case ED25519 -> "Ed25519";
        };
        assertEquals(expected, c.getSigAlgName());
        assertEquals(type.algorithm(), id.keyAlgorithm());
        if (c.getPublicKey() instanceof RSAPublicKey rsa) {
            assertEquals(type.bits(), rsa.getModulus().bitLength());
            assertTrue(c.getKeyUsage()[2], "RSA leaf has keyEncipherment");
        }
    }

    @Test
    void keyTypeGeneratesTheRequestedKey() {
        Identity id = CertificateBuilder.create().keyType(KeyType.ED25519).build();
        assertEquals("1.3.101.112", id.leaf().getSigAlgOID());
    }

    @Test
    void subjectAlternativeNamesHoldDnsNamesAsALabelsAndIpAddresses() throws Exception {
        X509Certificate c = CertificateBuilder.create().commonName("san")
                .addDnsName("WWW.Example.com").addDnsName("*.example.org").addDnsName("bücher.example")
                .addIpAddress("127.0.0.1").addIpAddress("::1").build().leaf();
        List<List<?>> names = List.copyOf(c.getSubjectAlternativeNames());
        assertEquals(List.of(2, "www.example.com"), names.get(0));
        assertEquals(List.of(2, "*.example.org"), names.get(1));
        assertEquals(List.of(2, "xn--bcher-kva.example"), names.get(2));
        assertEquals(List.of(7, "127.0.0.1"), names.get(3));
        assertEquals(7, names.get(4).get(0));
        assertEquals("0:0:0:0:0:0:0:1", names.get(4).get(1));
        assertThrows(IllegalArgumentException.class, () -> CertificateBuilder.create().addIpAddress("localhost"));
    }

    @Test
    void caSignsLeafAndTheChainLeavesOutTheRoot() throws Exception {
        Identity root = CertificateBuilder.create().commonName("Root").certificateAuthority(1).build();
        Identity intermediate = CertificateBuilder.create().commonName("Intermediate")
                .certificateAuthority(0).signedBy(root).build();
        Identity leaf = CertificateBuilder.create().commonName("leaf").serverAuth().clientAuth()
                .signedBy(intermediate).build();

        assertEquals(1, root.leaf().getBasicConstraints());
        assertEquals(0, intermediate.leaf().getBasicConstraints());
        assertTrue(root.leaf().getKeyUsage()[5], "keyCertSign");
        assertEquals(List.of(intermediate.leaf()), intermediate.chain(), "the self-signed root is left out");
        assertEquals(List.of(leaf.leaf(), intermediate.leaf()), leaf.chain());
        assertEquals(intermediate.leaf().getSubjectX500Principal(), leaf.leaf().getIssuerX500Principal());
        leaf.leaf().verify(intermediate.leaf().getPublicKey());
        intermediate.leaf().verify(root.leaf().getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.leaf().getExtendedKeyUsage());
        // authority key identifier of the leaf = subject key identifier of its issuer
        byte[] aki = leaf.leaf().getExtensionValue("2.5.29.35");
        byte[] ski = intermediate.leaf().getExtensionValue("2.5.29.14");
        byte[] akiKeyId = java.util.Arrays.copyOfRange(aki, aki.length - 20, aki.length);
        byte[] skiKeyId = java.util.Arrays.copyOfRange(ski, ski.length - 20, ski.length);
        assertArrayEquals(skiKeyId, akiKeyId);
    }

    @Test
    void validityMayLieInThePast() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant until = Instant.parse("2021-01-01T00:00:00Z");
        X509Certificate c = CertificateBuilder.create().validity(from, until).build().leaf();
        assertEquals(from, c.getNotBefore().toInstant());
        assertEquals(until, c.getNotAfter().toInstant());
        assertThrows(IllegalArgumentException.class, () -> CertificateBuilder.create().validity(until, from));
    }

    @Test
    void serialsAreRandom() {
        assertNotEquals(CertificateBuilder.create().build().leaf().getSerialNumber(),
                CertificateBuilder.create().build().leaf().getSerialNumber());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void openSslReadsAndVerifiesWhatWeGenerate(KeyType type) throws Exception {
        OpenSsl.require();
        Identity root = CertificateBuilder.create().commonName("X Root").certificateAuthority(1)
                .keyPair(TestKeys.get(type)).build();
        Identity intermediate = CertificateBuilder.create().commonName("X Intermediate").certificateAuthority(0)
                .signedBy(root).build();
        Identity leaf = CertificateBuilder.create().commonName("x.example").addDnsName("x.example")
                .addIpAddress("127.0.0.1").serverAuth().keyType(type == KeyType.ED25519 ? type : KeyType.EC_P256)
                .signedBy(intermediate).build();
        PemFiles.writeCertificates(dir.resolve("root.pem"), List.of(root.leaf()));
        PemFiles.writeCertificates(dir.resolve("int.pem"), List.of(intermediate.leaf()));
        PemFiles.writeCertificates(dir.resolve("leaf.pem"), List.of(leaf.leaf()));

        String text = OpenSsl.run(dir, "x509", "-in", "leaf.pem", "-noout", "-text");
        assertTrue(text.contains("DNS:x.example, IP Address:127.0.0.1"), text);
        assertTrue(text.contains("TLS Web Server Authentication"), text);
        String verified = OpenSsl.run(dir, "verify", "-CAfile", "root.pem", "-untrusted", "int.pem",
                "-purpose", "sslserver", "leaf.pem");
        assertTrue(verified.contains("leaf.pem: OK"), verified);
    }
}
