package org.streamtls.certstore.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Public suffixes a wildcard must never sit directly on ({@code *.com}, {@code *.co.uk},
 * {@code *.github.io}).
 *
 * <p>The rules are the whole Public Suffix List — ICANN and private sections alike — as the JDK
 * ships it in {@code $JAVA_HOME/lib/security/public_suffix_list.dat} (a zip with one entry of rules
 * per top-level domain, read lazily per TLD). Where a JDK lacks that file, a built-in subset is
 * used: every single label, plus the widely used country second-level registries.
 *
 * <p>Thread-safe.
 */
public final class PublicSuffixes {

    private static final System.Logger LOG = System.getLogger(PublicSuffixes.class.getName());

    private static final Set<String> FALLBACK_MULTI_LABEL = Set.of(
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
            "org.ru", "net.ru", "com.de", "co.de", "github.io");

    private static final Path JDK_LIST =
            Path.of(System.getProperty("java.home"), "lib", "security", "public_suffix_list.dat");

    /** Rules per TLD, loaded on first use; a TLD absent from the list maps to an empty set. */
    private static final Map<String, Set<String>> RULES_BY_TLD = new ConcurrentHashMap<>();

    private PublicSuffixes() {
    }

    /** Whether the lower-case A-label domain is a public suffix. */
    public static boolean isPublicSuffix(String domain) {
        if (domain.indexOf('.') < 0) {
            return true;
        }
        if (!Files.isReadable(JDK_LIST)) {
            return FALLBACK_MULTI_LABEL.contains(domain);
        }
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        Set<String> rules = RULES_BY_TLD.computeIfAbsent(tld, PublicSuffixes::load);
        if (rules == null) {
            return FALLBACK_MULTI_LABEL.contains(domain);
        }
        if (rules.contains("!" + domain)) {
            return false;
        }
        if (rules.contains(domain)) {
            return true;
        }
        int dot = domain.indexOf('.');
        return rules.contains("*" + domain.substring(dot));
    }

    /** The rules of one TLD from the JDK's list; null when the list cannot be read. */
    private static Set<String> load(String tld) {
        try (ZipFile zip = new ZipFile(JDK_LIST.toFile())) {
            ZipEntry entry = zip.getEntry(tld);
            Set<String> rules = new HashSet<>();
            if (entry == null) {
                return rules;
            }
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    // Each rule starts with a byte that names its section (0 ICANN, 1 private).
                    String rule = line;
                    if (!rule.isEmpty() && rule.charAt(0) < ' ') {
                        rule = rule.substring(1);
                    }
                    rule = rule.strip().toLowerCase(Locale.ROOT);
                    if (!rule.isEmpty()) {
                        rules.add(rule);
                    }
                }
            }
            return rules;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the JDK's public suffix list " + JDK_LIST
                    + " (" + e + "); using the built-in subset");
            return null;
        }
    }
}
