package org.streamtls.certstore;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.streamtls.certstore.internal.NameMatching;

/**
 * Decides whether a certificate covers a host name or IP address, by RFC 6125 and RFC 9525.
 *
 * <ul>
 *   <li>Host names are compared with the subjectAltName dNSName entries, case-insensitively, a
 *       trailing dot ignored, internationalised names as A-labels ({@code bücher.example} is
 *       {@code xn--bcher-kva.example}).</li>
 *   <li>A wildcard counts only as the whole left-most label and stands for exactly one label:
 *       {@code *.example.com} covers {@code a.example.com}, not {@code example.com}, not
 *       {@code a.b.example.com}. Partial-label wildcards ({@code f*.example.com}) never match, nor a
 *       wildcard directly over a public suffix: {@code *.com} and {@code *.co.uk} cover nothing.
 *       (Public suffixes: every single label, plus a built-in list of common country registries
 *       such as {@code co.uk}; this module does not ship the whole Public Suffix List.)</li>
 *   <li>IP literals (IPv4, IPv6, IPv6 in brackets) are compared byte for byte with iPAddress
 *       entries only: never with DNS names, never with wildcards, never with the CN.</li>
 *   <li>Legacy fallback: the subject's (most specific) common name is used as a DNS name only
 *       when the certificate has no dNSName entry at all. RFC 9525 deprecates this; it remains
 *       because older private CAs still issue such certificates.</li>
 * </ul>
 *
 * <p>Never does a DNS lookup. Thread-safe (stateless).
 */
public final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /**
     * Whether the certificate covers the host name or IP literal.
     *
     * @return false also for a null, empty or malformed name
     */
    public static boolean matches(X509Certificate certificate, String hostOrIp) {
        return quality(certificate, hostOrIp) != NameMatching.Match.NONE;
    }

    /**
     * The names the certificate covers, as they appear in it: its dNSName and iPAddress entries,
     * or its common name when it has no dNSName (the legacy fallback). For messages such as
     * "covers: www.example.com, example.com".
     */
    public static List<String> coveredNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>(dnsNames(certificate));
        boolean noDns = names.isEmpty();
        names.addAll(ipAddresses(certificate));
        if (noDns) {
            String cn = commonName(certificate);
            if (cn != null) {
                names.add(0, cn);
            }
        }
        return names;
    }

    /** Whether the match is exact or by wildcard (for choosing among certificates). */
    static NameMatching.Match quality(X509Certificate certificate, String hostOrIp) {
        if (hostOrIp == null || hostOrIp.isEmpty()) {
            return NameMatching.Match.NONE;
        }
        byte[] ip = NameMatching.ipAddress(hostOrIp);
        if (ip != null) {
            for (String literal : ipAddresses(certificate)) {
                if (Arrays.equals(ip, NameMatching.ipAddress(literal))) {
                    return NameMatching.Match.EXACT;
                }
            }
            return NameMatching.Match.NONE;
        }
        String host = NameMatching.canonicalHost(hostOrIp);
        if (host == null) {
            return NameMatching.Match.NONE;
        }
        List<String> dns = dnsNames(certificate);
        if (dns.isEmpty()) {
            String cn = commonName(certificate);
            return cn == null || NameMatching.ipAddress(cn) != null ? NameMatching.Match.NONE
                    : NameMatching.match(cn, host);
        }
        NameMatching.Match best = NameMatching.Match.NONE;
        for (String pattern : dns) {
            NameMatching.Match m = NameMatching.match(pattern, host);
            if (m.compareTo(best) > 0) {
                best = m;
            }
        }
        return best;
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        return altNames(certificate, 2);
    }

    private static List<String> ipAddresses(X509Certificate certificate) {
        return altNames(certificate, 7);
    }

    private static List<String> altNames(X509Certificate certificate, int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> entry : all) {
                    if (((Integer) entry.get(0)) == type && entry.get(1) instanceof String) {
                        names.add((String) entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of(); // an unparsable SAN extension covers nothing
        }
        return names;
    }

    /** The most specific (last) CN of the subject, or null. */
    static String commonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = name.getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return null;
        }
        ASN1Encodable value = cns[cns.length - 1].getFirst().getValue();
        return value instanceof ASN1String ? ((ASN1String) value).getString() : value.toString();
    }
}
