package org.streamtls.certstore.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;

class TbsSignaturesTest {

    private static X509Certificate jdk(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void verifiesAndRefusesAsTheCertificateDoes(KeyType type) throws Exception {
        Identity ca = CertificateBuilder.create().commonName("CA " + type).keyType(type).certificateAuthority(0).build();
        Identity leaf = CertificateBuilder.create().commonName("leaf").keyType(KeyType.EC_P256).signedBy(ca).build();
        X509Certificate parsed = jdk(leaf.leaf().getEncoded());
        assertTrue(TbsSignatures.verify(parsed, ca.leaf().getPublicKey()));
        assertTrue(TbsSignatures.verify(parsed, BcPublicKeys.of(ca.leaf().getPublicKey())));

        byte[] der = leaf.leaf().getEncoded();
        der[der.length - 3] ^= 0x01; // inside the signature
        X509Certificate tampered = jdk(der);
        assertThrows(java.security.SignatureException.class,
                () -> TbsSignatures.verify(tampered, BcPublicKeys.of(ca.leaf().getPublicKey())));
        assertThrows(java.security.SignatureException.class, () -> tampered.verify(ca.leaf().getPublicKey()));
        // the wrong key: refused too
        Identity other = CertificateBuilder.create().commonName("CA " + type).keyType(type).certificateAuthority(0).build();
        assertThrows(java.security.GeneralSecurityException.class,
                () -> TbsSignatures.verify(parsed, BcPublicKeys.of(other.leaf().getPublicKey())));
    }

    @Test
    void leavesRsaPssAndOtherCertificateClassesAlone() throws Exception {
        KeyPair rsa = KeyType.RSA_2048.generateKeyPair();
        X500Name name = new X500Name("CN=pss");
        Date now = new Date();
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now, new Date(now.getTime() + 86_400_000L),
                name, rsa.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSAandMGF1").setProvider(BcProvider.get())
                        .build(rsa.getPrivate()))
                .getEncoded();
        X509Certificate pss = jdk(der);
        assertFalse(TbsSignatures.verify(pss, rsa.getPublic()));
        // BouncyCastle's wrapper still verifies it, the other way
        BcVerifiedCertificate.of(pss).verify(rsa.getPublic());

        X509Certificate bcCertificate = (X509Certificate) CertificateFactory.getInstance("X.509", BcProvider.get())
                .generateCertificate(new ByteArrayInputStream(der));
        assertFalse(TbsSignatures.verify(bcCertificate, rsa.getPublic()));
    }
}
