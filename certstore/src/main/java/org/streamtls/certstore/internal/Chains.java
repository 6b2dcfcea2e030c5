package org.streamtls.certstore.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Putting certificates in chain order. */
public final class Chains {

    private Chains() {
    }

    /** The certificate whose public key belongs to the private key, or null. */
    public static X509Certificate certificateFor(PrivateKey key, List<X509Certificate> certificates) {
        for (X509Certificate c : certificates) {
            if (Keys.matches(key, c.getPublicKey())) {
                return c;
            }
        }
        return null;
    }

    /**
     * The leaf, then each next certificate the issuer of the previous one (by subject name), then
     * any certificates left over in their given order.
     */
    public static List<X509Certificate> order(X509Certificate leaf, List<X509Certificate> others) {
        Set<X509Certificate> rest = new LinkedHashSet<>(others);
        rest.remove(leaf);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            X509Certificate next = null;
            for (X509Certificate c : rest) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            rest.remove(next);
            chain.add(next);
            current = next;
        }
        chain.addAll(rest);
        return chain;
    }
}
