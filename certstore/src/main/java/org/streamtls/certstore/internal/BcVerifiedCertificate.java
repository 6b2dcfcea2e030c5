package org.streamtls.certstore.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate that is the caller's in everything but signature verification, which is
 * BouncyCastle's own code (by provider instance: nothing is registered).
 *
 * <p>Why: the JDK's PKIX ({@code sun.security.provider.certpath.BasicChecker}) checks each
 * certificate of a path with {@code cert.verify(issuerKey, sigProvider)}, the provider name being
 * null unless {@code PKIXParameters.setSigProvider} names an installed provider. A JDK certificate
 * then verifies with the installed providers (SunEC for ECDSA, several times slower than
 * BouncyCastle's on P-256); even a certificate made by BouncyCastle's factory does, since for that
 * method it asks {@code Signature.getInstance(name)}. Only BouncyCastle's
 * {@code verify(PublicKey)} uses its own helper ({@code BCJcaJceHelper}). So this class sends
 * {@code verify(key)} and {@code verify(key, null)} there, and everything else (encoding, names,
 * extensions, validity, equality, hash code) to the wrapped certificate: the JDK's PKIX sees the
 * same certificate as before, refuses it for the same reasons, and a bad signature is still a
 * {@link SignatureException}. A certificate BouncyCastle cannot read is verified as the wrapped
 * certificate verifies itself.
 *
 * <p>The issuer's key is handed to BouncyCastle as its own copy, made once per key
 * ({@link BcPublicKeys}), so that what it precomputes for the key serves every certificate that
 * key signed. For the common algorithms, BouncyCastle's {@code Signature} checks the JDK
 * certificate's to-be-signed bytes directly ({@link TbsSignatures}); only other certificates are
 * copied into a BouncyCastle certificate to verify themselves.
 *
 * <p><b>Verified signatures are remembered</b>, as the JDK's certificates remember theirs: the
 * last {@value #REMEMBERED} certificates (by encoding) whose signature verified, each with the key
 * it verified with, so a client meeting the same server again (its certificate re-read from the
 * JDK factory's cache) does not check it again. Only successes are kept; any other key is checked.
 *
 * <p>Immutable; thread-safe if the wrapped certificate is (the BouncyCastle copy is made once, on
 * first verification).
 */
public final class BcVerifiedCertificate extends X509Certificate {

    private static final long serialVersionUID = 1L;

    /** How many verified certificates are remembered (the JDK's certificate factory keeps 750). */
    static final int REMEMBERED = 750;

    private static final Map<X509Certificate, PublicKey> VERIFIED = LruMaps.synchronizedLru(REMEMBERED);

    private final X509Certificate certificate;
    private transient volatile X509Certificate bc;

    private BcVerifiedCertificate(X509Certificate certificate) {
        this.certificate = certificate;
    }

    /** The certificate, verifying with BouncyCastle; already wrapped or BouncyCastle's own: itself. */
    public static X509Certificate of(X509Certificate certificate) {
        if (certificate == null || certificate instanceof BcVerifiedCertificate
                || certificate.getClass().getName().startsWith("org.bouncycastle.")) {
            return certificate;
        }
        return new BcVerifiedCertificate(certificate);
    }

    /** The caller's certificate this one stands for. */
    public X509Certificate unwrap() {
        return certificate;
    }

    private X509Certificate bc() {
        X509Certificate b = bc;
        if (b == null) {
            try {
                b = (X509Certificate) CertificateFactory.getInstance("X.509", BcProvider.get())
                        .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
            } catch (CertificateException | RuntimeException e) {
                b = certificate; // BouncyCastle cannot read it: it verifies itself
            }
            bc = b;
        }
        return b;
    }

    private void bcVerify(PublicKey key) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, NoSuchProviderException, SignatureException {
        PublicKey verifiedWith = VERIFIED.get(certificate);
        if (verifiedWith != null && verifiedWith.equals(key)) {
            return;
        }
        // BouncyCastle's own copy of the issuer's key keeps its precomputation (see BcPublicKeys)
        PublicKey bcKey = BcPublicKeys.of(key);
        if (!TbsSignatures.verify(certificate, bcKey)) {
            X509Certificate b = bc();
            b.verify(b == certificate ? key : bcKey);
        }
        VERIFIED.put(certificate, key);
    }

    @Override
    public void verify(PublicKey key) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, NoSuchProviderException, SignatureException {
        bcVerify(key);
    }

    @Override
    public void verify(PublicKey key, String sigProvider) throws CertificateException,
            NoSuchAlgorithmException, InvalidKeyException, NoSuchProviderException, SignatureException {
        if (sigProvider == null) {
            bcVerify(key);
        } else {
            certificate.verify(key, sigProvider);
        }
    }

    @Override
    public void verify(PublicKey key, Provider sigProvider) throws CertificateException,
            NoSuchAlgorithmException, InvalidKeyException, SignatureException {
        certificate.verify(key, sigProvider);
    }

    @Override
    public byte[] getEncoded() throws CertificateEncodingException {
        return certificate.getEncoded();
    }

    @Override
    public PublicKey getPublicKey() {
        return certificate.getPublicKey();
    }

    @Override
    public String toString() {
        return certificate.toString();
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return certificate.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return certificate.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return certificate.getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return certificate.getExtensionValue(oid);
    }

    @Override
    public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
        certificate.checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws CertificateExpiredException, CertificateNotYetValidException {
        certificate.checkValidity(date);
    }

    @Override
    public int getVersion() {
        return certificate.getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return certificate.getSerialNumber();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        return certificate.getIssuerDN();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getSubjectDN() {
        return certificate.getSubjectDN();
    }

    @Override
    public X500Principal getIssuerX500Principal() {
        return certificate.getIssuerX500Principal();
    }

    @Override
    public X500Principal getSubjectX500Principal() {
        return certificate.getSubjectX500Principal();
    }

    @Override
    public Date getNotBefore() {
        return certificate.getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return certificate.getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws CertificateEncodingException {
        return certificate.getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return certificate.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return certificate.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return certificate.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return certificate.getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return certificate.getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return certificate.getSubjectUniqueID();
    }

    @Override
    public boolean[] getKeyUsage() {
        return certificate.getKeyUsage();
    }

    @Override
    public List<String> getExtendedKeyUsage() throws CertificateParsingException {
        return certificate.getExtendedKeyUsage();
    }

    @Override
    public int getBasicConstraints() {
        return certificate.getBasicConstraints();
    }

    @Override
    public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames();
    }

    @Override
    public Collection<List<?>> getIssuerAlternativeNames() throws CertificateParsingException {
        return certificate.getIssuerAlternativeNames();
    }
}
