package org.streamtls.tls.internal;

import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Vector;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.certstore.TrustVerifier;

/**
 * The certificate authorities a server names in its CertificateRequest (the TLS 1.2
 * certificate_authorities field, the TLS 1.3 certificate_authorities extension), so that a client
 * can choose the identity the server will accept: either a fixed list, or by default the subjects
 * of the trust anchors the server verifies client certificates against — followed live, so a
 * reloaded trust store changes the list — when those are a small explicit set. The JDK's whole
 * cacerts (about 140 roots) is no such set: then none are named, as a client with one identity
 * gains nothing from a list of every public CA.
 *
 * <p>Thread-safe: one instance serves every connection of a server configuration.
 */
public final class CertificateAuthorities {

    /** More trust anchors than this and the default names none (the JDK's cacerts has about 140). */
    public static final int MAX_DEFAULT_ANCHORS = 64;

    /** The encoded list (each name with its 2-byte length) must fit its 2-byte length field. */
    private static final int MAX_LIST_BYTES = 0xFFFF;

    private static final System.Logger LOG = System.getLogger("org.streamtls.tls");

    private static final CertificateAuthorities NONE = new CertificateAuthorities(List.of(), null);

    private final TrustAnchors anchors;
    private volatile Snapshot snapshot;

    /** The names for one state of the source; {@code source} is compared by identity. */
    private record Snapshot(List<X509Certificate> source, List<X500Principal> names, Vector<X500Name> encoded) {
    }

    private CertificateAuthorities(List<X500Principal> fixed, TrustAnchors anchors) {
        this.anchors = anchors;
        this.snapshot = fixed == null ? null : new Snapshot(null, fixed, encode(fixed));
    }

    /**
     * Exactly these names, in this order (duplicates dropped); empty for none.
     *
     * @throws IllegalArgumentException if a name is null or the encoded list exceeds the 65535
     *         bytes a CertificateRequest can carry (the message says how many bytes)
     */
    public static CertificateAuthorities fixed(List<X500Principal> names) {
        Objects.requireNonNull(names, "clientCertificateAuthorities");
        for (X500Principal n : names) {
            Objects.requireNonNull(n, "clientCertificateAuthorities contains null");
        }
        List<X500Principal> distinct = List.copyOf(new LinkedHashSet<>(names));
        int size = encodedSize(distinct);
        if (size > MAX_LIST_BYTES) {
            throw new IllegalArgumentException(distinct.size() + " client certificate authorities take " + size
                    + " bytes encoded; a CertificateRequest carries at most " + MAX_LIST_BYTES);
        }
        return distinct.isEmpty() ? NONE : new CertificateAuthorities(distinct, null);
    }

    /**
     * The default: the subjects of the trust anchors of {@code verifier} when it is certstore's
     * {@link PkixTrustVerifier} with at most {@link #MAX_DEFAULT_ANCHORS} anchors whose names fit a
     * CertificateRequest; none otherwise (another verifier, or no verifier).
     */
    public static CertificateAuthorities fromTrust(TrustVerifier verifier) {
        TrustAnchors anchors = verifier instanceof PkixTrustVerifier pkix ? pkix.trustAnchors() : null;
        return anchors == null ? NONE : new CertificateAuthorities(null, anchors);
    }

    /** The names the next CertificateRequest carries; empty for none. */
    public List<X500Principal> names() {
        return current().names;
    }

    /** The same names for BouncyCastle's CertificateRequest: null for none (no empty extension). */
    Vector<X500Name> forRequest() {
        return current().encoded;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (anchors == null) {
            return s;
        }
        List<X509Certificate> source = anchors.certificates();
        if (s == null || s.source != source) {
            s = fromAnchors(source);
            snapshot = s;
        }
        return s;
    }

    private Snapshot fromAnchors(List<X509Certificate> certificates) {
        LinkedHashSet<X500Principal> subjects = new LinkedHashSet<>();
        for (X509Certificate c : certificates) {
            subjects.add(c.getSubjectX500Principal());
        }
        List<X500Principal> names = List.copyOf(subjects);
        if (names.size() > MAX_DEFAULT_ANCHORS) {
            LOG.log(Level.DEBUG, "client certificate authorities: {0} trust anchors in {1} are more than {2}:"
                    + " naming none", names.size(), anchors, MAX_DEFAULT_ANCHORS);
            return new Snapshot(certificates, List.of(), null);
        }
        int size = encodedSize(names);
        if (size > MAX_LIST_BYTES) {
            LOG.log(Level.DEBUG, "client certificate authorities: the subjects of {0} take {1} bytes, more than"
                    + " a CertificateRequest carries: naming none", anchors, size);
            return new Snapshot(certificates, List.of(), null);
        }
        return new Snapshot(certificates, names, encode(names));
    }

    private static int encodedSize(List<X500Principal> names) {
        int size = 0;
        for (X500Principal n : names) {
            size += 2 + n.getEncoded().length;
        }
        return size;
    }

    private static Vector<X500Name> encode(List<X500Principal> names) {
        if (names.isEmpty()) {
            return null;
        }
        List<X500Name> encoded = new ArrayList<>(names.size());
        for (X500Principal n : names) {
            encoded.add(X500Name.getInstance(n.getEncoded()));
        }
        return new Vector<>(encoded);
    }

    @Override
    public String toString() {
        return anchors == null ? "CertificateAuthorities" + names() : "CertificateAuthorities[subjects of " + anchors + "]";
    }
}
