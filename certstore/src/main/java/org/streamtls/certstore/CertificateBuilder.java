package org.streamtls.certstore;

import java.io.IOException;
import java.math.BigInteger;
import java.net.IDN;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.streamtls.certstore.internal.Keys;

/**
 * Makes X.509 certificates with their keys: self-signed roots, intermediate CAs and leaves, for
 * servers, clients and tests (StreamSSL's CreateCertificate; the API follows okhttp-tls's
 * HeldCertificate).
 *
 * <pre>{@code
 * Identity root = CertificateBuilder.create().commonName("Test Root").certificateAuthority(1).build();
 * Identity server = CertificateBuilder.create()
 *         .commonName("localhost").addDnsName("localhost").addIpAddress("127.0.0.1")
 *         .serverAuth().signedBy(root).build();
 * }</pre>
 *
 * <p>Defaults: an ECDSA P-256 key ({@link KeyType#EC_P256}); SHA-256 signatures (SHA256withECDSA,
 * SHA256withRSA, or pure Ed25519 by the <em>issuer's</em> key); self-signed unless
 * {@link #signedBy}; valid from now for 30 days; a random 159-bit serial; a common name of a random
 * UUID when none is set; subject and authority key identifiers. A leaf has KeyUsage
 * digitalSignature (plus keyEncipherment for RSA) and no basicConstraints extension; a CA
 * ({@link #certificateAuthority}) has critical basicConstraints cA=true with its path length and
 * KeyUsage keyCertSign+cRLSign+digitalSignature. No extendedKeyUsage unless {@link #serverAuth()} or
 * {@link #clientAuth()} is called (then it lists exactly those). The builder does not refuse odd
 * combinations (an expired CA, a leaf that signs): tests need such certificates.
 *
 * <p>The result's chain is the new certificate followed by the issuer's chain without a self-signed
 * root, as a TLS peer sends it.
 *
 * <p>Not thread-safe: build on one thread; the built {@link Identity} is immutable.
 */
public final class CertificateBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Clock clock = Clock.systemUTC();
    private String commonName;
    private String organizationalUnit;
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private Instant notBefore;
    private Instant notAfter;
    private Duration validFor = Duration.ofDays(30);
    private int maxPathLength = Integer.MIN_VALUE;
    private boolean serverAuth;
    private boolean clientAuth;
    private Identity issuer;
    private BigInteger serialNumber;
    private final List<GeneralSubtree> permitted = new ArrayList<>();
    private final List<GeneralSubtree> excluded = new ArrayList<>();

    private CertificateBuilder() {
    }

    public static CertificateBuilder create() {
        return new CertificateBuilder();
    }

    /** The subject's common name (CN). */
    public CertificateBuilder commonName(String commonName) {
        this.commonName = Objects.requireNonNull(commonName, "commonName");
        return this;
    }

    /** The subject's organizational unit (OU), none by default. */
    public CertificateBuilder organizationalUnit(String organizationalUnit) {
        this.organizationalUnit = Objects.requireNonNull(organizationalUnit, "organizationalUnit");
        return this;
    }

    /**
     * Adds a dNSName subject alternative name: a host name ({@code www.example.com}) or a wildcard
     * ({@code *.example.com}). Internationalised names are stored as A-labels (punycode), lower case.
     */
    public CertificateBuilder addDnsName(String dnsName) {
        Objects.requireNonNull(dnsName, "dnsName");
        String ascii = dnsName.startsWith("*.")
                ? "*." + IDN.toASCII(dnsName.substring(2), IDN.ALLOW_UNASSIGNED)
                : IDN.toASCII(dnsName, IDN.ALLOW_UNASSIGNED);
        subjectAltNames.add(new GeneralName(GeneralName.dNSName, ascii.toLowerCase(Locale.ROOT)));
        return this;
    }

    /**
     * Adds an iPAddress subject alternative name from an IPv4 or IPv6 literal (never resolved).
     *
     * @throws IllegalArgumentException if it is not an IP literal
     */
    public CertificateBuilder addIpAddress(String ipLiteral) {
        Objects.requireNonNull(ipLiteral, "ipLiteral");
        if (!IPAddress.isValid(ipLiteral)) {
            throw new IllegalArgumentException("not an IP address literal: " + ipLiteral);
        }
        subjectAltNames.add(new GeneralName(GeneralName.iPAddress, ipLiteral));
        return this;
    }

    /** The kind of key to generate; {@link KeyType#EC_P256} by default. Ignored with {@link #keyPair}. */
    public CertificateBuilder keyType(KeyType keyType) {
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        return this;
    }

    /** Use this key pair instead of generating one (RSA generation is slow: reuse keys in tests). */
    public CertificateBuilder keyPair(KeyPair keyPair) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        return this;
    }

    /**
     * The validity period, inclusive. May lie wholly in the past or the future (for tests of
     * expired and not-yet-valid certificates). Certificates store whole seconds.
     */
    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        return this;
    }

    /** Valid from the clock's now for this long (replaces {@link #validity}); 30 days by default. */
    public CertificateBuilder validFor(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative validity: " + duration);
        }
        this.validFor = duration;
        this.notBefore = null;
        this.notAfter = null;
        return this;
    }

    /** The clock that defines "now" for {@link #validFor}; the system UTC clock by default. */
    public CertificateBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Makes a certificate authority that may sign certificates.
     *
     * @param maxPathLength how many intermediate CAs may follow it (basicConstraints pathLenConstraint),
     *                      or -1 for no limit
     */
    public CertificateBuilder certificateAuthority(int maxPathLength) {
        if (maxPathLength < -1) {
            throw new IllegalArgumentException("maxPathLength must be >= -1: " + maxPathLength);
        }
        this.maxPathLength = maxPathLength;
        return this;
    }

    /** Adds id-kp-serverAuth to the extended key usage. */
    public CertificateBuilder serverAuth() {
        this.serverAuth = true;
        return this;
    }

    /** Adds id-kp-clientAuth to the extended key usage. */
    public CertificateBuilder clientAuth() {
        this.clientAuth = true;
        return this;
    }

    /** A name constraint (for a CA): certificates below it may only name hosts under this DNS domain. */
    public CertificateBuilder addPermittedDnsSubtree(String domain) {
        permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
        return this;
    }

    /** A name constraint (for a CA): certificates below it may not name hosts under this DNS domain. */
    public CertificateBuilder addExcludedDnsSubtree(String domain) {
        excluded.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
        return this;
    }

    /** The serial number; a random positive 159-bit number by default. */
    public CertificateBuilder serialNumber(BigInteger serialNumber) {
        if (serialNumber.signum() <= 0) {
            throw new IllegalArgumentException("serial number must be positive");
        }
        this.serialNumber = serialNumber;
        return this;
    }

    /** Signs with this identity's key, naming its leaf as issuer; self-signed when never called. */
    public CertificateBuilder signedBy(Identity issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        return this;
    }

    /**
     * Generates the key (unless given) and the certificate.
     *
     * @throws IllegalStateException if the issuer's key cannot sign (an unsupported algorithm)
     */
    public Identity build() {
        KeyPair pair = keyPair != null ? keyPair : keyType.generateKeyPair();
        Instant from = notBefore;
        Instant until = notAfter;
        if (from == null) {
            from = clock.instant();
            until = from.plus(validFor);
        }
        X500NameBuilder nameBuilder = new X500NameBuilder(BCStyle.INSTANCE);
        if (organizationalUnit != null) {
            nameBuilder.addRDN(BCStyle.OU, organizationalUnit);
        }
        nameBuilder.addRDN(BCStyle.CN, commonName != null ? commonName : UUID.randomUUID().toString());
        X500Name subject = nameBuilder.build();

        X500Name issuerName;
        PrivateKey signingKey;
        PublicKey authorityKey;
        X509Certificate issuerCert = issuer == null ? null : issuer.leaf();
        if (issuerCert == null) {
            issuerName = subject;
            signingKey = pair.getPrivate();
            authorityKey = pair.getPublic();
        } else {
            issuerName = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
            signingKey = issuer.privateKey();
            authorityKey = issuerCert.getPublicKey();
        }
        BigInteger serial = serialNumber != null ? serialNumber : new BigInteger(159, RANDOM).setBit(0);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial,
                    Date.from(from), Date.from(until), subject, pair.getPublic());
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    authorityKeyIdentifier(utils, issuerCert, authorityKey));
            boolean ca = maxPathLength != Integer.MIN_VALUE;
            if (ca) {
                b.addExtension(Extension.basicConstraints, true,
                        maxPathLength == -1 ? new BasicConstraints(true) : new BasicConstraints(maxPathLength));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                int usage = KeyUsage.digitalSignature;
                if (Keys.algorithm(pair.getPublic()).equals("RSA")) {
                    usage |= KeyUsage.keyEncipherment;
                }
                b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            }
            List<KeyPurposeId> purposes = new ArrayList<>();
            if (serverAuth) {
                purposes.add(KeyPurposeId.id_kp_serverAuth);
            }
            if (clientAuth) {
                purposes.add(KeyPurposeId.id_kp_clientAuth);
            }
            if (!purposes.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
            }
            if (!subjectAltNames.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(subjectAltNames.toArray(new GeneralName[0])));
            }
            if (!permitted.isEmpty() || !excluded.isEmpty()) {
                b.addExtension(Extension.nameConstraints, true, new NameConstraints(
                        permitted.isEmpty() ? null : permitted.toArray(new GeneralSubtree[0]),
                        excluded.isEmpty() ? null : excluded.toArray(new GeneralSubtree[0])));
            }
            ContentSigner signer = new JcaContentSignerBuilder(Keys.signatureAlgorithm(signingKey))
                    .build(signingKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            if (issuer != null) {
                List<X509Certificate> issuerChain = issuer.chain();
                for (X509Certificate c : issuerChain) {
                    boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
                    if (!selfSigned) {
                        chain.add(c);
                    }
                }
            }
            return new Identity(chain, pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils utils,
                                                                  X509Certificate issuerCert,
                                                                  PublicKey authorityKey) {
        if (issuerCert != null) {
            byte[] ext = issuerCert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            if (ext != null) {
                byte[] keyId = ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets();
                return new AuthorityKeyIdentifier(keyId);
            }
        }
        return utils.createAuthorityKeyIdentifier(authorityKey);
    }
}
