package org.streamtls.certstore;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates CertificateBuilder deliberately cannot make (weak signatures, odd extensions), built
 * with bcpkix directly, for the refusal tests.
 */
final class RawCertificates {

    enum Oddity { NONE, UNKNOWN_CRITICAL_EXTENSION, KEY_USAGE_WITHOUT_DIGITAL_SIGNATURE }

    private RawCertificates() {
    }

    static X509Certificate leaf(String cn, String dnsName, KeyPair subjectKey, Identity issuer, String signatureAlgorithm,
                                Oddity oddity, Instant from, Instant until) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.leaf().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(until),
                new X500Name("CN=" + cn), subjectKey.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        if (oddity == Oddity.UNKNOWN_CRITICAL_EXTENSION) {
            b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DEROctetString(new byte[]{1}));
        }
        if (oddity == Oddity.KEY_USAGE_WITHOUT_DIGITAL_SIGNATURE) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(signatureAlgorithm).build(issuer.privateKey())));
    }
}
