package org.streamtls.samples.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.util.IPAddress;
import org.streamtls.certstore.CertificateBuilder;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --san DNS:www.example.com,IP:127.0.0.1}: the subject alternative names of a new
 * certificate. An entry without a prefix is an IP address when it is an IP literal and a DNS name
 * otherwise.
 *
 * @param dnsNames the DNS names (host names or {@code *.} wildcards), in order
 * @param ipAddresses the IP literals, in order
 */
public record SubjectAltNames(List<String> dnsNames, List<String> ipAddresses) {

    public SubjectAltNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** Adds the names to a certificate under construction. */
    public void addTo(CertificateBuilder builder) {
        dnsNames.forEach(builder::addDnsName);
        ipAddresses.forEach(builder::addIpAddress);
    }

    /** A certificate's default names: its common name, when that is a host name or IP literal. */
    public static SubjectAltNames fromCommonName(String commonName) {
        if (IPAddress.isValid(commonName)) {
            return new SubjectAltNames(List.of(), List.of(commonName));
        }
        if (isHostName(commonName)) {
            return new SubjectAltNames(List.of(commonName), List.of());
        }
        return new SubjectAltNames(List.of(), List.of());
    }

    private static boolean isHostName(String name) {
        String n = name.startsWith("*.") ? name.substring(2) : name;
        return !n.isEmpty() && n.length() <= 253
                && n.matches("(?i)[a-z0-9\\p{L}]([a-z0-9\\p{L}-]{0,61}[a-z0-9\\p{L}])?(\\.[a-z0-9\\p{L}]([a-z0-9\\p{L}-]{0,61}[a-z0-9\\p{L}])?)*\\.?");
    }

    /** The picocli converter for the {@code --san} list. */
    public static final class Converter implements ITypeConverter<SubjectAltNames> {

        @Override
        public SubjectAltNames convert(String value) {
            List<String> dns = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            for (String raw : value.split(",")) {
                String entry = raw.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                String upper = entry.toUpperCase(Locale.ROOT);
                if (upper.startsWith("DNS:")) {
                    String name = entry.substring(4).trim();
                    if (!isHostName(name)) {
                        throw new TypeConversionException("'" + name + "' is not a DNS name"
                                + " (expected DNS:host.example or DNS:*.example.com)");
                    }
                    dns.add(name);
                } else if (upper.startsWith("IP:")) {
                    String ip = entry.substring(3).trim();
                    if (!IPAddress.isValid(ip)) {
                        throw new TypeConversionException("'" + ip + "' is not an IPv4 or IPv6 address (expected IP:127.0.0.1 or IP:::1)");
                    }
                    ips.add(ip);
                } else if (entry.indexOf(':') > 0 && !IPAddress.isValid(entry)) {
                    throw new TypeConversionException("unknown name type in '" + entry
                            + "' (expected a comma-separated list of DNS:name and IP:address)");
                } else if (IPAddress.isValid(entry)) {
                    ips.add(entry);
                } else if (isHostName(entry)) {
                    dns.add(entry);
                } else {
                    throw new TypeConversionException("'" + entry + "' is neither a DNS name nor an IP address"
                            + " (expected a comma-separated list of DNS:name and IP:address)");
                }
            }
            if (dns.isEmpty() && ips.isEmpty()) {
                throw new TypeConversionException("expected a comma-separated list of DNS:name and IP:address, was '"
                        + value + "'");
            }
            return new SubjectAltNames(dns, ips);
        }
    }
}
