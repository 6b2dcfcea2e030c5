package org.streamtls.certstore;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.security.auth.x500.X500Principal;
import org.streamtls.certstore.TrustFailure.Kind;
import org.streamtls.certstore.internal.BcVerifiedCertificate;

/**
 * The default {@link TrustVerifier}: RFC 5280 path building and validation to a set of
 * {@link TrustAnchors}, then the purpose and the host name, reporting every precise reason.
 *
 * <p><b>Which PKIX engine, and why.</b> Paths are built and validated by the JDK's
 * {@code CertPathBuilder}/{@code CertPathValidator} ("PKIX", provider SUN), not bcpkix's. The JDK's
 * is present in every runtime, needs no provider registration (bcpkix's PKIX classes expect the
 * "BC" provider to be installed), applies the JDK's {@code jdk.certpath.disabledAlgorithms}
 * policy (MD5, SHA-1 roots and small keys are refused as in JSSE), and its
 * {@code CertPathValidatorException} carries a machine-readable reason
 * ({@code BasicReason}/{@code PKIXReason}) and the index of the certificate concerned, which map
 * onto {@link TrustFailure.Kind} without parsing messages. A chain presented in issuer order up to
 * a certificate a trust anchor issued (what nearly every peer sends) is first validated as it is,
 * which costs a fraction of the builder's search; when it is not in that order or does not
 * validate, the builder finds a path from a leaf plus intermediates in any order, also around
 * cross-signed certificates. When it finds none (its own
 * error says only "unable to find valid certification path"), this class puts the presented
 * certificates in issuer order itself and runs the validator on that path to learn why, then, if a
 * certificate was out of its validity period, again at an instant when all were valid, so an
 * expired intermediate does not hide a name-constraint or path-length violation behind it.
 *
 * <p><b>Signatures by BouncyCastle.</b> The JDK's PKIX checks each signature by calling the
 * certificate's own {@code verify(issuerKey, null)}; a JDK certificate then uses the installed
 * providers (SunEC for ECDSA, 3-7x slower than BouncyCastle on P-256, the bulk of a client's full
 * handshake). The presented certificates are therefore handed to the JDK wrapped so that this one
 * method runs BouncyCastle's code, by provider instance (the application's providers are not
 * changed); everything else the JDK reads is the caller's certificate, so every refusal reason is
 * the JDK's as before. The decision's path and reasons name the caller's own certificate objects.
 *
 * <p><b>Checks:</b> signatures; validity of every certificate at the instant of the injected
 * {@link Clock} (trust anchors themselves are not date-checked, as RFC 5280 and JSSE do, unless the
 * leaf is itself the anchor); basicConstraints cA and pathLenConstraint; CA keyCertSign; name
 * constraints (also those of the anchor certificate); unrecognised critical extensions; algorithm
 * constraints; for the leaf, extendedKeyUsage for the {@link Purpose} (absent or anyExtendedKeyUsage
 * allows every purpose) and keyUsage digitalSignature when keyUsage is present; for intermediates,
 * an extendedKeyUsage, when present, must allow the purpose (as browsers require); and the name by
 * {@link HostnameMatcher}.
 *
 * <p><b>Defaults:</b> the JDK's default trust anchors; {@link Clock#systemUTC()}. <b>Revocation is
 * not checked</b> (neither CRL nor OCSP): PKIX revocation checking needs network access to the
 * CAs' distribution points and responders, which this library never does on its own. Applications
 * that need it can wrap this verifier.
 *
 * <p>Immutable and thread-safe; the trust-anchor set is cached until the {@link TrustAnchors}
 * source returns a different list.
 */
public final class PkixTrustVerifier implements TrustVerifier {

    private static final String ANY_EKU = "2.5.29.37.0";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int MAX_CHAIN = 16;

    private final TrustAnchors trustAnchors;
    private final Clock clock;
    private volatile Anchors cache;

    private PkixTrustVerifier(Builder b) {
        this.trustAnchors = b.trustAnchors;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where this verifier's trust anchors come from (a TLS server names their subjects in its
     * CertificateRequest).
     */
    public TrustAnchors trustAnchors() {
        return trustAnchors;
    }

    /** Configures a {@link PkixTrustVerifier}. Not thread-safe; the built verifier is. */
    public static final class Builder {
        private TrustAnchors trustAnchors;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The roots to trust; {@link TrustAnchors#jdkDefaults()} by default. */
        public Builder trustAnchors(TrustAnchors trustAnchors) {
            this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
            return this;
        }

        /** The clock whose instant the validity periods are checked at; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public PkixTrustVerifier build() {
            if (trustAnchors == null) {
                trustAnchors = TrustAnchors.jdkDefaults();
            }
            return new PkixTrustVerifier(this);
        }
    }

    private static final class Anchors {
        final List<X509Certificate> source;
        final Set<TrustAnchor> trustAnchors = new HashSet<>();
        final Set<X509Certificate> certificates;
        final Set<X500Principal> subjects = new HashSet<>();
        /** The anchors with a nameConstraints extension (the JDK's lookup of an absent one throws inside). */
        final Set<X509Certificate> nameConstrained = new HashSet<>();

        Anchors(List<X509Certificate> source) {
            this.source = source;
            this.certificates = new LinkedHashSet<>(source);
            for (X509Certificate c : source) {
                trustAnchors.add(anchor(c));
                subjects.add(c.getSubjectX500Principal());
                if (hasNameConstraints(c)) {
                    nameConstrained.add(c);
                }
            }
        }
    }

    /**
     * The refusal reasons of one verification, at most one per kind and certificate, each naming
     * the caller's own certificate object (not its {@link BcVerifiedCertificate} wrapper).
     */
    private static final class Reasons {
        final Map<String, TrustFailure> byKey = new LinkedHashMap<>();
        final UnaryOperator<X509Certificate> original;

        Reasons(UnaryOperator<X509Certificate> original) {
            this.original = original;
        }

        boolean isEmpty() {
            return byKey.isEmpty();
        }

        Kind add(TrustFailure f) {
            X509Certificate c = f.certificate() == null ? null : original.apply(f.certificate());
            if (c != f.certificate()) {
                f = new TrustFailure(f.kind(), c, f.message());
            }
            String key = f.kind() + "/" + (c == null ? "" : c.hashCode() + ":" + c.getSerialNumber());
            byKey.putIfAbsent(key, f);
            return f.kind();
        }
    }

    /**
     * The JDK's PKIX refuses trust anchors with name constraints ("not supported"): anchors are
     * given without them, and a path to an anchor whose certificate has a nameConstraints
     * extension is validated again with that certificate appended as a self-issued CA, which makes
     * the JDK apply its constraints to everything below.
     */
    private static TrustAnchor anchor(X509Certificate c) {
        return new TrustAnchor(c, null);
    }

    private static boolean hasNameConstraints(X509Certificate c) {
        return c.getExtensionValue("2.5.29.30") != null;
    }

    private Anchors anchors() {
        List<X509Certificate> current = trustAnchors.certificates();
        Anchors a = cache;
        if (a == null || a.source != current) {
            a = new Anchors(current);
            cache = a;
        }
        return a;
    }

    @Override
    public TrustDecision verify(List<X509Certificate> chain, String expectedName, Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        if (chain == null || chain.isEmpty()) {
            return TrustDecision.of(List.of(),
                    List.of(new TrustFailure(Kind.NO_CERTIFICATE, null, "the peer presented no certificate")));
        }
        Anchors anchors = anchors();
        Instant now = clock.instant();
        // the presented certificates verify their signatures with BouncyCastle (see
        // BcVerifiedCertificate); what is returned names the caller's own certificate objects
        List<X509Certificate> bcChain = new ArrayList<>(chain.size());
        for (X509Certificate c : chain) {
            bcChain.add(BcVerifiedCertificate.of(c));
        }
        UnaryOperator<X509Certificate> original =
                c -> c instanceof BcVerifiedCertificate ? ((BcVerifiedCertificate) c).unwrap() : c;
        Reasons reasons = new Reasons(original);
        X509Certificate leaf = bcChain.get(0);

        List<X509Certificate> path;
        X509Certificate anchor;
        if (anchors.certificates.contains(leaf)) {
            path = List.of(leaf);
            anchor = leaf;
        } else {
            path = validatePresented(anchors, bcChain, now);
            if (path == null) {
                path = build(anchors, bcChain, now);
            }
            anchor = path == null ? null : path.get(path.size() - 1);
            if (path != null && anchors.nameConstrained.contains(anchor)) {
                validate(path.subList(0, path.size() - 1), anchor, now, reasons);
            }
            if (path == null) {
                List<X509Certificate> walked = new ArrayList<>();
                anchor = diagnose(anchors, bcChain, now, walked, reasons);
                path = walked;
                if (anchor == null && reasons.isEmpty()) {
                    // never trusted without a path to an anchor, whatever the diagnosis missed
                    add(reasons, new TrustFailure(Kind.OTHER, leaf, "no certification path from certificate "
                            + subject(leaf) + " to a trusted certificate within " + MAX_CHAIN + " certificates"));
                }
            }
        }
        List<X509Certificate> mapped = new ArrayList<>(path.size());
        for (X509Certificate c : path) {
            mapped.add(original.apply(c));
        }
        path = mapped;
        anchor = original.apply(anchor);
        leaf = chain.get(0);
        for (X509Certificate c : path) {
            if (c != anchor || c == leaf) {
                checkValidity(c, now, reasons);
            }
        }
        checkPurpose(path, anchor, purpose, reasons);
        if (expectedName != null && !HostnameMatcher.matches(leaf, expectedName)) {
            List<String> covered = HostnameMatcher.coveredNames(leaf);
            String shown = covered.isEmpty() ? subject(leaf) : covered.get(0);
            add(reasons, new TrustFailure(Kind.NAME_MISMATCH, leaf, "certificate for " + shown
                    + " does not cover " + expectedName + " (covers: "
                    + (covered.isEmpty() ? "no names" : String.join(", ", covered)) + ")"));
        }
        return TrustDecision.of(path, new ArrayList<>(reasons.byKey.values()));
    }

    /**
     * The path as the peer presented it, when that is a valid one: the certificates from the leaf,
     * each issued (by name) by the next, up to the first whose issuer is the subject of a trust
     * anchor, validated by the JDK's PKIX validator against the anchors. This is what nearly every
     * peer sends, and validating it costs a fraction of the builder's search (which selects and
     * orders candidates, and checks every certificate's fingerprint and basic constraints on the
     * way). Leaf first, anchor last; null when the chain is not in that order, reaches no anchor, or
     * does not validate: the builder then searches as before and, if it finds nothing either,
     * {@link #diagnose} says why, so a refusal and its reasons are exactly the builder's.
     */
    private static List<X509Certificate> validatePresented(Anchors anchors, List<X509Certificate> chain,
                                                           Instant now) {
        int top = -1;
        for (int i = 0; i < chain.size() && i < MAX_CHAIN; i++) {
            X509Certificate c = chain.get(i);
            if (i > 0 && !chain.get(i - 1).getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                return null;
            }
            if (anchors.subjects.contains(c.getIssuerX500Principal())) {
                top = i;
                break;
            }
        }
        if (top < 0) {
            return null;
        }
        List<X509Certificate> certs = chain.subList(0, top + 1);
        try {
            PKIXParameters params = new PKIXParameters(anchors.trustAnchors);
            params.setDate(Date.from(now));
            params.setRevocationEnabled(false);
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(certs);
            PKIXCertPathValidatorResult result =
                    (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, params);
            List<X509Certificate> path = new ArrayList<>(certs);
            path.add(result.getTrustAnchor().getTrustedCert());
            return path;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null; // the builder tries every other path, and diagnose() finds out why
        }
    }

    /** A validated path (leaf first, anchor last) from the JDK's builder, or null when it found none. */
    private static List<X509Certificate> build(Anchors anchors, List<X509Certificate> chain, Instant now) {
        if (anchors.trustAnchors.isEmpty()) {
            return null;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.get(0));
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors.trustAnchors, target);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            params.setDate(Date.from(now));
            params.setRevocationEnabled(false);
            params.setMaxPathLength(MAX_CHAIN);
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            for (java.security.cert.Certificate c : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            path.add(result.getTrustAnchor().getTrustedCert());
            return path;
        } catch (CertPathBuilderException | RuntimeException e) {
            return null; // diagnose() finds out why
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's PKIX CertPathBuilder is unavailable", e);
        }
    }

    /**
     * Puts the presented certificates in issuer order from the leaf, up to a trust anchor if one
     * issued the last of them, and finds out why the path is not valid.
     *
     * @return the trust anchor reached, or null
     */
    private static X509Certificate diagnose(Anchors anchors, List<X509Certificate> chain, Instant now,
                                            List<X509Certificate> walked, Reasons reasons) {
        Set<X509Certificate> unused = new LinkedHashSet<>(chain.subList(1, chain.size()));
        X509Certificate current = chain.get(0);
        walked.add(current);
        X509Certificate anchor = null;
        while (walked.size() <= MAX_CHAIN) {
            X509Certificate byAnchor = issuerAmong(current, anchors.certificates);
            if (byAnchor != null && signedBy(current, byAnchor)) {
                anchor = byAnchor;
                break;
            }
            if (selfIssued(current) && signedBy(current, current)) {
                add(reasons, new TrustFailure(Kind.SELF_SIGNED_UNTRUSTED, current, "certificate "
                        + subject(current) + " is self-signed and not among the trusted certificates"));
                break;
            }
            X509Certificate next = issuerAmong(current, unused);
            if (next == null && byAnchor != null) {
                anchor = byAnchor; // same name, other key: the validator reports the bad signature
                break;
            }
            if (next == null) {
                add(reasons, new TrustFailure(Kind.UNKNOWN_ISSUER, current, "certificate " + subject(current)
                        + " was issued by " + current.getIssuerX500Principal().getName()
                        + ", which is neither trusted nor among the certificates presented"));
                break;
            }
            unused.remove(next);
            walked.add(next);
            current = next;
        }
        List<X509Certificate> toValidate = new ArrayList<>(walked);
        X509Certificate validationAnchor = anchor;
        if (validationAnchor == null) {
            if (toValidate.size() < 2) {
                return null;
            }
            // no trusted root: still check the links below the top certificate
            validationAnchor = toValidate.remove(toValidate.size() - 1);
        } else {
            walked.add(anchor);
        }
        Kind first = validate(toValidate, validationAnchor, now, reasons);
        if (first == Kind.EXPIRED || first == Kind.NOT_YET_VALID) {
            Instant latestStart = Instant.MIN;
            Instant earliestEnd = Instant.MAX;
            for (X509Certificate c : toValidate) {
                Instant s = c.getNotBefore().toInstant();
                Instant e = c.getNotAfter().toInstant();
                latestStart = s.isAfter(latestStart) ? s : latestStart;
                earliestEnd = e.isBefore(earliestEnd) ? e : earliestEnd;
            }
            if (!latestStart.isAfter(earliestEnd)) {
                validate(toValidate, validationAnchor, latestStart, reasons);
            }
        }
        return anchor;
    }

    /** Runs the JDK's PKIX validator; adds its (first) failure; returns its kind, or null if valid. */
    private static Kind validate(List<X509Certificate> certs, X509Certificate anchor, Instant at,
                                 Reasons reasons) {
        CertPath certPath;
        if (hasNameConstraints(anchor) && !certs.isEmpty()) {
            certs = new ArrayList<>(certs);
            certs.add(anchor);
        }
        try {
            certPath = CertificateFactory.getInstance("X.509").generateCertPath(certs);
            PKIXParameters params = new PKIXParameters(Set.of(anchor(anchor)));
            params.setDate(Date.from(at));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return null;
        } catch (CertPathValidatorException e) {
            TrustFailure f = failure(e, certs, anchor);
            add(reasons, f);
            return f.kind();
        } catch (GeneralSecurityException | RuntimeException e) {
            // a certificate the JDK cannot even process: refuse it, saying why
            X509Certificate c = certs.isEmpty() ? anchor : certs.get(0);
            TrustFailure f = new TrustFailure(Kind.OTHER, c, "certificate " + subject(c)
                    + " could not be validated: " + e);
            add(reasons, f);
            return f.kind();
        }
    }

    private static TrustFailure failure(CertPathValidatorException e, List<X509Certificate> certs,
                                        X509Certificate anchor) {
        int index = e.getIndex();
        X509Certificate c = index >= 0 && index < certs.size() ? certs.get(index) : null;
        X509Certificate issuer = index + 1 < certs.size() ? certs.get(index + 1) : anchor;
        CertPathValidatorException.Reason reason = e.getReason();
        String who = c == null ? "a certificate" : "certificate " + subject(c);
        if (reason == CertPathValidatorException.BasicReason.EXPIRED && c != null) {
            return expired(c);
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID && c != null) {
            return notYetValid(c);
        }
        if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return new TrustFailure(Kind.BAD_SIGNATURE, c, "the signature on " + who
                    + " does not verify with the public key of " + subject(issuer));
        }
        if (reason == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
            return new TrustFailure(Kind.WEAK_ALGORITHM, c, who + " uses a disabled algorithm: " + e.getMessage());
        }
        if (reason == PKIXReason.NOT_CA_CERT
                || (reason == PKIXReason.INVALID_KEY_USAGE && c != null && c.getBasicConstraints() < 0)) {
            return new TrustFailure(Kind.NOT_A_CA, c, who + " issues certificates but is not a CA"
                    + " (no basicConstraints extension with cA=true)");
        }
        if (reason == PKIXReason.INVALID_KEY_USAGE) {
            return new TrustFailure(Kind.NOT_A_CA, c, who + " issues certificates but its key usage"
                    + " does not allow signing certificates (keyCertSign)");
        }
        if (reason == PKIXReason.PATH_TOO_LONG) {
            return new TrustFailure(Kind.PATH_TOO_LONG, c, who + " is one CA too many: "
                    + pathLengthLimiter(certs, anchor, index) + " allows fewer intermediate CAs below it");
        }
        if (reason == PKIXReason.INVALID_NAME) {
            return new TrustFailure(Kind.NAME_CONSTRAINTS, c, who + " has a name outside the name constraints of "
                    + nameConstrainer(certs, anchor, index) + " (names: "
                    + (c == null ? "?" : String.join(", ", HostnameMatcher.coveredNames(c))) + ")");
        }
        if (reason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            return new TrustFailure(Kind.UNRECOGNIZED_CRITICAL_EXTENSION, c,
                    who + " has a critical extension this validator does not recognise: " + e.getMessage());
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR && c != null) {
            return new TrustFailure(Kind.UNKNOWN_ISSUER, c, who + " was issued by "
                    + c.getIssuerX500Principal().getName() + ", which is not trusted");
        }
        return new TrustFailure(Kind.OTHER, c, who + " was refused by PKIX validation: " + e.getMessage());
    }

    private static String pathLengthLimiter(List<X509Certificate> certs, X509Certificate anchor, int index) {
        List<X509Certificate> above = new ArrayList<>(certs.subList(Math.max(index + 1, 0), certs.size()));
        above.add(anchor);
        for (int j = 0; j < above.size(); j++) {
            int limit = above.get(j).getBasicConstraints();
            // certificates between this one and the offending CA (inclusive) that are CAs
            if (limit >= 0 && limit < Integer.MAX_VALUE && j + 1 > limit) {
                return "the pathLenConstraint " + limit + " of " + subject(above.get(j));
            }
        }
        return "a pathLenConstraint above it";
    }

    private static String nameConstrainer(List<X509Certificate> certs, X509Certificate anchor, int index) {
        List<X509Certificate> above = new ArrayList<>(certs.subList(Math.max(index + 1, 0), certs.size()));
        above.add(anchor);
        for (X509Certificate c : above) {
            if (c.getExtensionValue("2.5.29.30") != null) {
                return subject(c);
            }
        }
        return "an issuing CA";
    }

    private static void checkValidity(X509Certificate c, Instant now, Reasons reasons) {
        try {
            c.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            add(reasons, expired(c));
        } catch (CertificateNotYetValidException e) {
            add(reasons, notYetValid(c));
        }
    }

    private static TrustFailure expired(X509Certificate c) {
        return new TrustFailure(Kind.EXPIRED, c, "certificate " + subject(c) + " expired on "
                + c.getNotAfter().toInstant());
    }

    private static TrustFailure notYetValid(X509Certificate c) {
        return new TrustFailure(Kind.NOT_YET_VALID, c, "certificate " + subject(c) + " is not valid before "
                + c.getNotBefore().toInstant());
    }

    private static void checkPurpose(List<X509Certificate> path, X509Certificate anchor, Purpose purpose,
                                     Reasons reasons) {
        String wanted = purpose == Purpose.SERVER ? SERVER_AUTH : CLIENT_AUTH;
        String purposeName = purpose == Purpose.SERVER ? "TLS server authentication" : "TLS client authentication";
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            if (i > 0 && c == anchor) {
                break;
            }
            List<String> eku;
            try {
                eku = c.getExtendedKeyUsage();
            } catch (java.security.cert.CertificateParsingException e) {
                add(reasons, new TrustFailure(Kind.WRONG_PURPOSE, c, "certificate " + subject(c)
                        + " has an unreadable extended key usage extension"));
                continue;
            }
            if (eku != null && !eku.contains(wanted) && !eku.contains(ANY_EKU)) {
                add(reasons, new TrustFailure(Kind.WRONG_PURPOSE, c, "certificate " + subject(c)
                        + " is not for " + purposeName + " (its extended key usage allows: " + ekuNames(eku) + ")"));
            }
            if (i == 0) {
                boolean[] ku = c.getKeyUsage();
                if (ku != null && !ku[0]) {
                    add(reasons, new TrustFailure(Kind.WRONG_PURPOSE, c, "certificate " + subject(c)
                            + " is not for " + purposeName + ": its key usage does not allow digital signatures"));
                }
            }
        }
    }

    private static String ekuNames(List<String> oids) {
        List<String> names = new ArrayList<>();
        for (String oid : oids) {
            switch (oid) {
                case SERVER_AUTH: names.add("TLS server authentication"); break;
                case CLIENT_AUTH: names.add("TLS client authentication"); break;
                case "1.3.6.1.5.5.7.3.3": names.add("code signing"); break;
                case "1.3.6.1.5.5.7.3.4": names.add("email protection"); break;
                case "1.3.6.1.5.5.7.3.8": names.add("time stamping"); break;
                case "1.3.6.1.5.5.7.3.9": names.add("OCSP signing"); break;
                default: names.add(oid);
            }
        }
        return String.join(", ", names);
    }

    private static X509Certificate issuerAmong(X509Certificate c, Iterable<X509Certificate> candidates) {
        X509Certificate byName = null;
        for (X509Certificate candidate : candidates) {
            if (candidate != c && candidate.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                if (signedBy(c, candidate)) {
                    return candidate;
                }
                if (byName == null) {
                    byName = candidate;
                }
            }
        }
        return byName;
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String subject(X509Certificate c) {
        return c == null ? "an unknown certificate" : c.getSubjectX500Principal().getName();
    }

    private static void add(Reasons reasons, TrustFailure f) {
        reasons.add(f);
    }

    @Override
    public String toString() {
        return "PkixTrustVerifier[" + trustAnchors + ", revocation not checked]";
    }
}
