package org.streamtls.certstore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.streamtls.certstore.internal.Keys;

/**
 * Describes a certificate as readable text, for logs, diagnostics and the CLI (StreamSSL's
 * ShowCertInfo): subject, issuer, serial, validity, subject alternative names, key type and size,
 * signature algorithm, key usage, extended key usage, CA constraints, SHA-256 fingerprint.
 *
 * <pre>
 * Subject:            CN=www.example.com
 * Issuer:             CN=Example Intermediate
 * Serial:             5f:0a:...
 * Valid:              2026-01-01T00:00:00Z to 2026-04-01T00:00:00Z
 * Names:              DNS:www.example.com, DNS:example.com, IP:127.0.0.1
 * Public key:         EC 256 bits (P-256)
 * Signature:          SHA256withECDSA
 * Key usage:          digitalSignature
 * Extended key usage: TLS server authentication
 * CA:                 no
 * SHA-256:            AB:CD:...
 * </pre>
 *
 * <p>Only public data: a certificate holds no secret. Thread-safe (stateless).
 */
public final class CertificateDescriptions {

    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private CertificateDescriptions() {
    }

    /** Several lines, one fact each, ending without a newline. */
    public static String describe(X509Certificate c) {
        StringBuilder s = new StringBuilder();
        line(s, "Subject", c.getSubjectX500Principal().getName());
        line(s, "Issuer", c.getIssuerX500Principal().getName());
        line(s, "Serial", colonHex(c.getSerialNumber().toByteArray(), true));
        line(s, "Valid", c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant());
        line(s, "Names", names(c));
        line(s, "Public key", key(c.getPublicKey()));
        line(s, "Signature", c.getSigAlgName());
        line(s, "Key usage", keyUsage(c));
        line(s, "Extended key usage", extendedKeyUsage(c));
        int bc = c.getBasicConstraints();
        line(s, "CA", bc < 0 ? "no" : bc == Integer.MAX_VALUE ? "yes, no path length limit" : "yes, path length " + bc);
        line(s, "SHA-256", fingerprint(c));
        s.setLength(s.length() - 1);
        return s.toString();
    }

    /** The SHA-256 fingerprint of the DER encoding, as upper-case hex pairs separated by colons. */
    public static String fingerprint(X509Certificate c) {
        try {
            return colonHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()), false)
                    .toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + c.getSubjectX500Principal(), e);
        }
    }

    private static void line(StringBuilder s, String label, String value) {
        s.append(String.format(Locale.ROOT, "%-20s%s%n", label + ":", value).replace(System.lineSeparator(), "\n"));
    }

    private static String colonHex(byte[] bytes, boolean stripSignByte) {
        int from = stripSignByte && bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        List<String> parts = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = from; i < bytes.length; i++) {
            parts.add(hex.toHexDigits(bytes[i]));
        }
        return String.join(":", parts);
    }

    private static String names(X509Certificate c) {
        try {
            Collection<List<?>> all = c.getSubjectAlternativeNames();
            if (all == null) {
                return "none (subject alternative name extension absent)";
            }
            List<String> out = new ArrayList<>();
            for (List<?> n : all) {
                int type = (Integer) n.get(0);
                String prefix = switch (type) {
                    case 1 -> "email:";
                    case 2 -> "DNS:";
                    case 6 -> "URI:";
                    case 7 -> "IP:";
                    default -> "type " + type + ":";
                };
                out.add(prefix + (n.get(1) instanceof String ? n.get(1) : "(binary)"));
            }
            return String.join(", ", out);
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String key(PublicKey key) {
        String alg = Keys.algorithm(key);
        String text = alg + " " + Keys.bits(key) + " bits";
        if (key instanceof ECKey) {
            try {
                SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
                if (X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                        && info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier) {
                    ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) info.getAlgorithm().getParameters();
                    String name = NISTNamedCurves.getName(curve);
                    if (name == null) {
                        name = ECNamedCurveTable.getName(curve);
                    }
                    text += " (" + (name != null ? name : curve.getId()) + ")";
                }
            } catch (RuntimeException e) {
                // leave the curve out
            }
        }
        return text;
    }

    private static String keyUsage(X509Certificate c) {
        boolean[] ku = c.getKeyUsage();
        if (ku == null) {
            return "any (extension absent)";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ku.length && i < KEY_USAGES.length; i++) {
            if (ku[i]) {
                out.add(KEY_USAGES[i]);
            }
        }
        return String.join(", ", out);
    }

    private static String extendedKeyUsage(X509Certificate c) {
        try {
            List<String> eku = c.getExtendedKeyUsage();
            if (eku == null) {
                return "any (extension absent)";
            }
            List<String> out = new ArrayList<>();
            for (String oid : eku) {
                out.add(switch (oid) {
                    case "1.3.6.1.5.5.7.3.1" -> "TLS server authentication";
                    case "1.3.6.1.5.5.7.3.2" -> "TLS client authentication";
                    case "1.3.6.1.5.5.7.3.3" -> "code signing";
                    case "1.3.6.1.5.5.7.3.4" -> "email protection";
                    case "1.3.6.1.5.5.7.3.8" -> "time stamping";
                    case "1.3.6.1.5.5.7.3.9" -> "OCSP signing";
                    case "2.5.29.37.0" -> "any";
                    default -> oid;
                });
            }
            return String.join(", ", out);
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
