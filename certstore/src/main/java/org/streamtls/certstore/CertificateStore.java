package org.streamtls.certstore;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where identities (certificate chain + private key) and trusted certificates live: a PKCS12 file,
 * PEM files, any JCA {@code KeyStore} (Windows-MY, PKCS#11, BCFKS, JKS), or memory.
 *
 * <p>File-backed stores reload when their files change; each call returns the current contents.
 * Implementations are thread-safe.
 */
public interface CertificateStore {

    /** The identities with a private key, in the store's order. */
    List<Identity> identities();

    /** Certificates this store holds as trusted (trust anchors), possibly empty. */
    List<X509Certificate> trustedCertificates();
}
