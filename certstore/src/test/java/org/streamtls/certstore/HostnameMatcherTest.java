package org.streamtls.certstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

    private static final KeyPair KEY = TestKeys.get(KeyType.EC_P256);

    private static X509Certificate dns(String... names) {
        CertificateBuilder b = CertificateBuilder.create().commonName("subject.invalid").keyPair(KEY);
        for (String n : names) {
            b.addDnsName(n);
        }
        return b.build().leaf();
    }

    private static X509Certificate cnOnly(String cn) {
        return CertificateBuilder.create().commonName(cn).keyPair(KEY).build().leaf();
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            // exact, case-insensitive, trailing dot
            "www.example.com,   www.example.com,    true",
            "www.example.com,   WWW.Example.COM,    true",
            "www.example.com,   www.example.com.,   true",
            "www.example.com.,  www.example.com,    true",
            "www.example.com,   example.com,        false",
            "www.example.com,   ww.example.com,     false",
            "www.example.com,   www.example.com.evil.com, false",
            // the wildcard: one whole left-most label
            "*.example.com,     a.example.com,      true",
            "*.example.com,     A.EXAMPLE.com.,     true",
            "*.example.com,     example.com,        false",
            "*.example.com,     a.b.example.com,    false",
            "*.example.com,     .example.com,       false",
            "*.example.com,     a.example.org,      false",
            // StreamSSL's bugs: these must not match
            "*.evil.com,        www.good.com,       false",
            "*.com,             abc,                false",
            "*.com,             example.com,        false",
            "*.com,             www.example.com,    false",
            // a wildcard directly over a public suffix never matches
            "*.co.uk,           example.co.uk,      false",
            "*.local,           printer.local,      false",
            "*.example.co.uk,   www.example.co.uk,  true",
            // partial-label and misplaced wildcards never match
            "f*.example.com,    foo.example.com,    false",
            "*o.example.com,    foo.example.com,    false",
            "a.*.example.com,   a.b.example.com,    false",
            "*.*.example.com,   a.b.example.com,    false",
            "*,                 localhost,          false",
            // names that are not valid references
            "www.example.com,   www..example.com,   false",
            "*.example.com,     *.example.com,      false",
            // IDN compared as A-labels
            "bücher.example,    bücher.example,     true",
            "bücher.example,    xn--bcher-kva.example, true",
            "bücher.example,    BÜCHER.example,     true",
            "*.bücher.example,  shop.bücher.example, true",
            "bücher.example,    bucher.example,     false",
    })
    void dnsNames(String pattern, String host, boolean expected) {
        assertEquals(expected, HostnameMatcher.matches(dns(pattern), host));
    }

    @Test
    void anyOfSeveralNamesCovers() {
        X509Certificate c = dns("www.example.com", "example.com");
        assertTrue(HostnameMatcher.matches(c, "example.com"));
        assertTrue(HostnameMatcher.matches(c, "www.example.com"));
        assertFalse(HostnameMatcher.matches(c, "api.example.com"));
        assertEquals(List.of("www.example.com", "example.com"), HostnameMatcher.coveredNames(c));
    }

    @Test
    void ipAddressesMatchOnlyIpSans() {
        X509Certificate c = CertificateBuilder.create().commonName("10.0.0.1").keyPair(KEY)
                .addIpAddress("127.0.0.1").addIpAddress("::1").addDnsName("192.168.1.1").build().leaf();
        assertTrue(HostnameMatcher.matches(c, "127.0.0.1"));
        assertTrue(HostnameMatcher.matches(c, "::1"));
        assertTrue(HostnameMatcher.matches(c, "[::1]"));
        assertTrue(HostnameMatcher.matches(c, "0:0:0:0:0:0:0:1"));
        assertFalse(HostnameMatcher.matches(c, "127.0.0.2"));
        assertFalse(HostnameMatcher.matches(c, "192.168.1.1"), "an IP never matches a DNS SAN");
        assertFalse(HostnameMatcher.matches(c, "10.0.0.1"), "an IP never matches the CN");
        assertEquals(List.of("192.168.1.1", "127.0.0.1", "0:0:0:0:0:0:0:1"), HostnameMatcher.coveredNames(c));
    }

    @Test
    void noWildcardsForIpAddresses() {
        assertFalse(HostnameMatcher.matches(dns("*.0.0.1"), "127.0.0.1"));
        assertFalse(HostnameMatcher.matches(dns("*.168.1.1"), "192.168.1.1"));
    }

    @Test
    void ipSanDoesNotCoverAHostName() {
        X509Certificate c = CertificateBuilder.create().commonName("x").keyPair(KEY)
                .addIpAddress("127.0.0.1").build().leaf();
        assertFalse(HostnameMatcher.matches(c, "localhost"));
    }

    @Test
    void commonNameIsALegacyFallbackOnlyWithoutDnsSans() {
        assertTrue(HostnameMatcher.matches(cnOnly("legacy.example"), "legacy.example"));
        assertTrue(HostnameMatcher.matches(cnOnly("*.legacy.example"), "a.legacy.example"));
        assertFalse(HostnameMatcher.matches(cnOnly("*.com"), "abc.com"));
        assertEquals(List.of("legacy.example"), HostnameMatcher.coveredNames(cnOnly("legacy.example")));

        X509Certificate both = CertificateBuilder.create().commonName("legacy.example").keyPair(KEY)
                .addDnsName("other.example").build().leaf();
        assertFalse(HostnameMatcher.matches(both, "legacy.example"), "CN ignored when there is a DNS SAN");
        assertTrue(HostnameMatcher.matches(both, "other.example"));

        X509Certificate ipOnly = CertificateBuilder.create().commonName("legacy.example").keyPair(KEY)
                .addIpAddress("127.0.0.1").build().leaf();
        assertTrue(HostnameMatcher.matches(ipOnly, "legacy.example"), "an IP SAN is not a DNS SAN");
    }

    @Test
    void nullAndEmptyNamesNeverMatch() {
        X509Certificate c = dns("example.com");
        assertFalse(HostnameMatcher.matches(c, null));
        assertFalse(HostnameMatcher.matches(c, ""));
        assertFalse(HostnameMatcher.matches(c, "."));
    }
}
