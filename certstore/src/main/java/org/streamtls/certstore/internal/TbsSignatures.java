package org.streamtls.certstore.internal;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks the signature of a certificate the JDK parsed with BouncyCastle's {@link Signature}, over
 * the certificate's own to-be-signed bytes, without BouncyCastle parsing the certificate again.
 *
 * <p>Why: BouncyCastle's certificate factory re-reads the whole certificate (and its
 * {@code verify} re-encodes the to-be-signed part) only to make the same {@code Signature} call
 * this class makes: a few percent of a full handshake. What it checks is what BouncyCastle's
 * {@code X509CertificateImpl.verify} checks for these algorithms: the signature algorithm of the
 * certificate, with BouncyCastle's implementation, over the to-be-signed bytes. The JDK's parser
 * ({@code sun.security.x509.X509CertImpl}, the only class this is done for) has already refused a
 * certificate whose inner and outer signature algorithms differ, and keeps the to-be-signed bytes
 * as they were received.
 *
 * <p>Only the common algorithms without parameters are done here (ECDSA and RSA PKCS#1 v1.5 with
 * SHA-2, Ed25519); {@link #verify} says "not done" for anything else (RSA-PSS with its parameters,
 * composite signatures, other certificate classes), and the caller lets BouncyCastle's certificate
 * do it. Thread-safe.
 */
final class TbsSignatures {

    private static final String JDK_CERTIFICATE = "sun.security.x509.X509CertImpl";
    private static final byte[] DER_NULL = {0x05, 0x00};

    /** Signature algorithm OID to BouncyCastle's name for it. */
    private static final Map<String, String> NAMES = Map.of(
            "1.2.840.10045.4.3.2", "SHA256withECDSA",
            "1.2.840.10045.4.3.3", "SHA384withECDSA",
            "1.2.840.10045.4.3.4", "SHA512withECDSA",
            "1.2.840.113549.1.1.11", "SHA256withRSA",
            "1.2.840.113549.1.1.12", "SHA384withRSA",
            "1.2.840.113549.1.1.13", "SHA512withRSA",
            "1.3.101.112", "Ed25519");

    private TbsSignatures() {
    }

    /**
     * Verifies the signature of {@code certificate} with {@code key} (ideally BouncyCastle's own
     * key, see {@link BcPublicKeys}).
     *
     * @return true if verified, false if this class does not handle this certificate or algorithm
     *         (nothing was checked)
     * @throws SignatureException if the signature does not verify
     * @throws InvalidKeyException if the key cannot verify this algorithm
     */
    static boolean verify(X509Certificate certificate, PublicKey key)
            throws SignatureException, InvalidKeyException {
        if (!certificate.getClass().getName().equals(JDK_CERTIFICATE)) {
            return false;
        }
        String name = NAMES.get(certificate.getSigAlgOID());
        byte[] params = name == null ? null : certificate.getSigAlgParams();
        if (name == null || (params != null && !Arrays.equals(params, DER_NULL))) {
            return false;
        }
        Signature signature;
        byte[] tbs;
        try {
            signature = Signature.getInstance(name, BcProvider.get());
            tbs = certificate.getTBSCertificate();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return false;
        }
        signature.initVerify(key);
        signature.update(tbs);
        if (!signature.verify(certificate.getSignature())) {
            throw new SignatureException("certificate does not verify with supplied key");
        }
        return true;
    }
}
