package org.streamtls.certstore;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a {@link PkixTrustVerifier} trusts as the roots of certification paths.
 *
 * <p>Sources: the JDK's default trust store ({@link #jdkDefaults()}: {@code lib/security/cacerts},
 * or the {@code javax.net.ssl.trustStore} system property when set), a PEM bundle, a list, a
 * {@link CertificateStore}'s trusted certificates (followed live, so a reloaded store takes
 * effect), or a JCA {@link KeyStore}'s certificate entries — for Windows' root store:
 * {@code KeyStore ks = KeyStore.getInstance("Windows-ROOT"); ks.load(null, null);
 * TrustAnchors.keyStore(ks)}.
 *
 * <p>Immutable and thread-safe; {@link #certificates()} returns the same list instance as long as
 * the source has not changed.
 */
public final class TrustAnchors {

    private final Supplier<List<X509Certificate>> source;
    private final String description;

    private TrustAnchors(Supplier<List<X509Certificate>> source, String description) {
        this.source = source;
        this.description = description;
    }

    private static final class JdkDefaults {
        static final List<X509Certificate> CERTIFICATES = load();

        private static List<X509Certificate> load() {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager) {
                        return List.of(((X509TrustManager) tm).getAcceptedIssuers());
                    }
                }
                return List.of();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot load the JDK's default trust store: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The JDK's default trust anchors (loaded once, on first use).
     *
     * @throws IllegalStateException if the JDK's trust store cannot be read
     */
    public static TrustAnchors jdkDefaults() {
        return new TrustAnchors(() -> JdkDefaults.CERTIFICATES, "the JDK's default trust store");
    }

    /**
     * Every certificate of a PEM file (read now, once).
     *
     * @throws CertificateStoreException if it is missing, corrupt or holds no certificate
     */
    public static TrustAnchors pemBundle(Path file) throws CertificateStoreException {
        List<X509Certificate> certificates = PemFiles.readCertificates(file);
        return new TrustAnchors(() -> certificates, "PEM bundle " + file);
    }

    /** Exactly these certificates. */
    public static TrustAnchors of(List<X509Certificate> certificates) {
        List<X509Certificate> copy = List.copyOf(certificates);
        return new TrustAnchors(() -> copy, copy.size() + " given certificates");
    }

    /** The store's trusted certificates, asked again at each verification (follows reloads). */
    public static TrustAnchors store(CertificateStore store) {
        Objects.requireNonNull(store, "store");
        return new TrustAnchors(store::trustedCertificates, "the trusted certificates of " + store);
    }

    /**
     * The certificate entries of a loaded key store (read now, once): a JKS or PKCS12 trust store,
     * Windows-ROOT, PKCS#11.
     *
     * @throws CertificateStoreException if the key store cannot be enumerated
     */
    public static TrustAnchors keyStore(KeyStore keyStore) throws CertificateStoreException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isCertificateEntry(alias)) {
                    Certificate c = keyStore.getCertificate(alias);
                    if (c instanceof X509Certificate) {
                        certificates.add((X509Certificate) c);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateStoreException(CertificateStoreException.Problem.UNREADABLE, null,
                    "cannot read the certificates of key store " + keyStore.getType() + ": " + e.getMessage(), e);
        }
        List<X509Certificate> copy = List.copyOf(certificates);
        return new TrustAnchors(() -> copy, "key store " + keyStore.getType());
    }

    /** The current trust anchors. */
    public List<X509Certificate> certificates() {
        return source.get();
    }

    @Override
    public String toString() {
        return "TrustAnchors[" + description + "]";
    }
}
