package org.streamtls.certstore.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.bouncycastle.util.IPAddress;

/** The host-name rules of {@link org.streamtls.certstore.HostnameMatcher}, on plain strings. */
public final class NameMatching {

    /** How a DNS pattern covers a host. */
    public enum Match { NONE, WILDCARD, EXACT }

    private NameMatching() {
    }

    /** An IP literal (brackets around IPv6 allowed) as its address bytes, or null if not one. */
    public static byte[] ipAddress(String host) {
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!IPAddress.isValid(h)) {
            return null;
        }
        try {
            return InetAddress.getByName(h).getAddress(); // a literal: never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * A reference host name in canonical form (lower-case A-labels, no trailing dot), or null when
     * it is not a usable DNS name (empty labels, a '*', an invalid IDN).
     */
    public static String canonicalHost(String host) {
        if (host == null) {
            return null;
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || h.indexOf('*') >= 0) {
            return null;
        }
        try {
            h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty()) {
                return null;
            }
        }
        return h;
    }

    /**
     * Whether a presented DNS identifier (a SAN dNSName, or the CN in the legacy fallback) covers
     * the canonical host. A wildcard counts only as the whole left-most label, over at least two
     * labels that are not a public suffix, and stands for exactly one non-empty label.
     */
    public static Match match(String pattern, String canonicalHost) {
        if (pattern == null || canonicalHost == null) {
            return Match.NONE;
        }
        String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
        p = p.toLowerCase(Locale.ROOT);
        if (p.indexOf('*') < 0) {
            String c = canonicalHost(p);
            return c != null && c.equals(canonicalHost) ? Match.EXACT : Match.NONE;
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return Match.NONE; // partial-label ("f*.example.com") or several wildcards: never
        }
        String suffix = canonicalHost(p.substring(2));
        if (suffix == null || PublicSuffixes.isPublicSuffix(suffix)) {
            return Match.NONE;
        }
        int dot = canonicalHost.indexOf('.');
        if (dot <= 0 || !canonicalHost.substring(dot + 1).equals(suffix)) {
            return Match.NONE;
        }
        return Match.WILDCARD;
    }
}
