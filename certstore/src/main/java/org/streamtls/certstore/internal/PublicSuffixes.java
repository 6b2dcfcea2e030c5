package org.streamtls.certstore.internal;

import java.util.Set;

/**
 * Public suffixes a wildcard must never sit directly on. Every single-label suffix ({@code com},
 * {@code local}) is one; of the multi-label ones this holds the widely used country second-level
 * registries ({@code co.uk}, {@code com.au} ...). It is a deliberately small subset of the Public
 * Suffix List, which the JDK does not expose and this module does not ship: a wildcard over a
 * private-registry suffix not listed here (say {@code *.github.io}) is matched like any other.
 */
public final class PublicSuffixes {

    private static final Set<String> MULTI_LABEL = Set.of(
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "nhs.uk", "sch.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "id.au", "asn.au",
            "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "ed.jp", "gr.jp", "lg.jp",
            "com.br", "net.br", "org.br", "gov.br", "edu.br",
            "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
            "co.in", "net.in", "org.in", "gov.in", "ac.in", "firm.in", "gen.in", "ind.in",
            "co.za", "org.za", "gov.za", "ac.za", "net.za",
            "co.kr", "or.kr", "go.kr", "ac.kr", "ne.kr",
            "com.mx", "org.mx", "gob.mx", "net.mx", "edu.mx",
            "com.tr", "org.tr", "gov.tr", "net.tr", "edu.tr",
            "com.tw", "org.tw", "gov.tw", "net.tw", "edu.tw",
            "com.hk", "org.hk", "gov.hk", "net.hk", "edu.hk",
            "com.sg", "org.sg", "gov.sg", "net.sg", "edu.sg",
            "com.ar", "com.co", "com.pe", "com.ve", "com.ec", "com.uy", "com.py", "com.bo",
            "co.il", "org.il", "ac.il", "gov.il",
            "com.ua", "org.ua", "gov.ua", "net.ua",
            "co.id", "or.id", "go.id", "ac.id", "com.my", "org.my", "gov.my", "com.ph", "com.pk",
            "com.sa", "com.eg", "com.vn", "com.ng", "co.ke", "co.th", "in.th", "ac.th", "go.th",
            "com.pl", "net.pl", "org.pl", "co.at", "or.at", "com.es", "com.pt", "com.gr", "com.ru",
            "org.ru", "net.ru", "com.de", "co.de");

    private PublicSuffixes() {
    }

    /** Whether the lower-case A-label domain is a public suffix (see the class comment for the limits). */
    public static boolean isPublicSuffix(String domain) {
        return domain.indexOf('.') < 0 || MULTI_LABEL.contains(domain);
    }
}
