package org.streamtls.transport.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses as people write them in messages: "127.0.0.1:443", "[::1]:443". */
public final class AddressText {

    private AddressText() {
    }

    /** "127.0.0.1:443" or "[2001:db8::1]:443" (RFC 5952 short form, without a scope). */
    public static String of(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        if (a == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        String literal = literal(a);
        return (a instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + address.getPort();
    }

    /** The address literal; IPv6 in RFC 5952 short form. */
    public static String literal(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
