package org.streamtls.samples.cli.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/**
 * A certificate as people read it: subject, issuer, validity (and whether it holds now), key,
 * names, usages, CA flag and fingerprint — the fields {@code cert show} prints and the demo logs.
 */
public final class CertificateDescription {

    private CertificateDescription() {
    }

    /** Several lines, each indented by {@code indent}, ending with a line break. */
    public static String describe(X509Certificate c, Instant now, String indent) {
        StringBuilder sb = new StringBuilder();
        line(sb, indent, "Subject", c.getSubjectX500Principal().getName());
        line(sb, indent, "Issuer", c.getIssuerX500Principal().getName()
                + (c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) ? " (self-signed)" : ""));
        line(sb, indent, "Serial", c.getSerialNumber().toString(16));
        Instant from = c.getNotBefore().toInstant();
        Instant until = c.getNotAfter().toInstant();
        String state = now.isAfter(until) ? "EXPIRED" : now.isBefore(from) ? "NOT YET VALID" : "valid now";
        line(sb, indent, "Validity", from + " to " + until + " (" + state + ")");
        line(sb, indent, "Key", keyDescription(c.getPublicKey()));
        line(sb, indent, "Signature", c.getSigAlgName());
        List<String> names = names(c);
        line(sb, indent, "Names", names.isEmpty() ? "(none)" : String.join(", ", names));
        line(sb, indent, "Key usage", keyUsage(c));
        line(sb, indent, "Ext. key usage", extendedKeyUsage(c));
        int pathLen = c.getBasicConstraints();
        line(sb, indent, "CA", pathLen < 0 ? "no"
                : "yes" + (pathLen == Integer.MAX_VALUE ? " (no path length limit)" : " (path length " + pathLen + ")"));
        line(sb, indent, "SHA-256", fingerprint(c));
        return sb.toString();
    }

    /** "EC P-256", "RSA 2048", "Ed25519". */
    public static String keyDescription(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return "RSA " + ((RSAPublicKey) key).getModulus().bitLength();
        }
        if ("EC".equals(key.getAlgorithm())) {
            try {
                SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
                ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getAlgorithm().getParameters());
                String name = ECNamedCurveTable.getName(curve);
                if ("secp256r1".equals(name) || "prime256v1".equals(name)) {
                    return "EC P-256";
                }
                if ("secp384r1".equals(name)) {
                    return "EC P-384";
                }
                if ("secp521r1".equals(name)) {
                    return "EC P-521";
                }
                return "EC " + (name != null ? name : curve.getId());
            } catch (RuntimeException e) {
                return "EC";
            }
        }
        return key.getAlgorithm();
    }

    /** The subject alternative names as "DNS:x" and "IP:y". */
    public static List<String> names(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    Object value = san.get(1);
                    switch (type) {
                        case 2: names.add("DNS:" + value); break;
                        case 7: names.add("IP:" + value); break;
                        case 1: names.add("email:" + value); break;
                        case 6: names.add("URI:" + value); break;
                        default: names.add("other(" + type + ")");
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable subjectAltName: " + e.getMessage() + ")");
        }
        return names;
    }

    private static String keyUsage(X509Certificate c) {
        boolean[] ku = c.getKeyUsage();
        if (ku == null) {
            return "(any)";
        }
        String[] bits = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
            "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        List<String> set = new ArrayList<>();
        for (int i = 0; i < ku.length && i < bits.length; i++) {
            if (ku[i]) {
                set.add(bits[i]);
            }
        }
        return set.isEmpty() ? "(none)" : String.join(", ", set);
    }

    private static String extendedKeyUsage(X509Certificate c) {
        List<String> oids;
        try {
            oids = c.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
        if (oids == null) {
            return "(any)";
        }
        List<String> names = new ArrayList<>();
        for (String oid : oids) {
            switch (oid) {
                case "1.3.6.1.5.5.7.3.1": names.add("TLS server authentication"); break;
                case "1.3.6.1.5.5.7.3.2": names.add("TLS client authentication"); break;
                case "1.3.6.1.5.5.7.3.3": names.add("code signing"); break;
                case "1.3.6.1.5.5.7.3.4": names.add("email protection"); break;
                case "2.5.29.37.0": names.add("any"); break;
                default: names.add(oid);
            }
        }
        return String.join(", ", names);
    }

    /** The SHA-256 fingerprint, upper-case hex pairs joined by colons (as OpenSSL prints it). */
    public static String fingerprint(X509Certificate c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    private static void line(StringBuilder sb, String indent, String label, String value) {
        sb.append(indent).append(String.format("%-17s", label + ":")).append(value).append(System.lineSeparator());
    }
}
