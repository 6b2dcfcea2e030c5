package org.streamtls.samples.cli.internal;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code HOST:PORT}: a host name, IPv4 literal or bracketed IPv6 literal ({@code [::1]:443}), and a port.
 *
 * @param host the host, without brackets
 * @param port 1..65535
 */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The picocli converter. */
    public static final class Converter implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            String v = value.trim();
            String host;
            String port;
            if (v.startsWith("[")) {
                int close = v.indexOf("]:");
                if (close < 0) {
                    throw new TypeConversionException("expected HOST:PORT such as [::1]:8443, was '" + value + "'");
                }
                host = v.substring(1, close);
                port = v.substring(close + 2);
            } else {
                int colon = v.lastIndexOf(':');
                if (colon <= 0 || v.indexOf(':') != colon) {
                    throw new TypeConversionException("expected HOST:PORT such as localhost:8443 (IPv6 as [::1]:8443), was '"
                            + value + "'");
                }
                host = v.substring(0, colon);
                port = v.substring(colon + 1);
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected a port number 1..65535 after the colon, was '" + value + "'");
            }
            if (p < 1 || p > 65535 || host.isBlank()) {
                throw new TypeConversionException("expected HOST:PORT with a port 1..65535, was '" + value + "'");
            }
            return new HostPort(host, p);
        }
    }
}
