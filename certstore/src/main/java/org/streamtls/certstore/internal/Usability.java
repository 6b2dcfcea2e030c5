package org.streamtls.certstore.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.Purpose;

/** Whether an identity can be presented now, for a purpose, to a peer that verifies some key types. */
public final class Usability {

    private Usability() {
    }

    public static boolean validAt(X509Certificate c, Instant now) {
        return !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant());
    }

    /** EKU absent, or listing the purpose or anyExtendedKeyUsage; keyUsage absent or with digitalSignature. */
    public static boolean allows(X509Certificate c, Purpose purpose) {
        List<String> eku;
        try {
            eku = c.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return false;
        }
        String wanted = purpose == Purpose.SERVER ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2";
        if (eku != null && !eku.contains(wanted) && !eku.contains("2.5.29.37.0")) {
            return false;
        }
        boolean[] ku = c.getKeyUsage();
        return ku == null || ku[0];
    }

    /** The peer can verify this key type (an empty set means it did not say: any). */
    public static boolean keyTypeAccepted(Identity identity, Set<String> keyAlgorithms) {
        return keyAlgorithms.isEmpty() || keyAlgorithms.contains(Keys.algorithm(identity.leaf().getPublicKey()));
    }

    public static boolean usable(Identity identity, Purpose purpose, Set<String> keyAlgorithms, Instant now) {
        X509Certificate leaf = identity.leaf();
        return validAt(leaf, now) && allows(leaf, purpose) && keyTypeAccepted(identity, keyAlgorithms);
    }
}
