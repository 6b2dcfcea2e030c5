package org.streamtls.certstore;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.streamtls.certstore.internal.Keys;

/**
 * Who we are: a certificate chain (leaf first, then the intermediates that lead to a trust anchor)
 * and the private key of the leaf.
 *
 * <p>Immutable. {@link #toString()} never shows the key.
 */
public final class Identity {

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    /**
     * @throws IllegalArgumentException if the chain is empty
     */
    public Identity(List<X509Certificate> chain, PrivateKey privateKey) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an identity needs at least its own certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
    }

    /** Leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The leaf's key algorithm as the certificate requests name it: "RSA", "EC", "Ed25519" or
     * "Ed448" (JDK EdDSA keys call themselves "EdDSA"; this does not).
     */
    public String keyAlgorithm() {
        return Keys.algorithm(leaf().getPublicKey());
    }

    @Override
    public String toString() {
        return "Identity[" + leaf().getSubjectX500Principal().getName() + ", "
                + privateKey.getAlgorithm() + " key, chain of " + chain.size() + "]";
    }
}
