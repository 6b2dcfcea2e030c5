package org.streamtls.certstore;

import java.util.Optional;

/**
 * A {@link CertificateStore} read from files or a provider, that follows changes: certificates can
 * be rotated without a restart.
 *
 * <p>File-backed stores compare the files' modification times and sizes (for a folder: its
 * listing) at every call of {@link #identities()} or {@link #trustedCertificates()} — a few
 * system calls, no background thread — and read the files again when they changed. A new content
 * that cannot be used (half written, corrupt, wrong password, a key that belongs to no
 * certificate) does not replace the old: the store keeps serving the identities it had, logs a
 * WARNING through {@link System.Logger} ("org.streamtls.certstore"), and reports the failure in
 * {@link #lastReloadFailure()} until a later change loads. The same unchanged bad content is not
 * read again. Stores without files (Windows-MY, PKCS#11) change only by {@link #reload()}.
 *
 * <p>Lists returned are immutable and the same instance until the next successful reload, so a
 * caller may cache derived data by list identity. Thread-safe.
 */
public interface ReloadingCertificateStore extends CertificateStore {

    /**
     * Reads the source again now, changed or not.
     *
     * @throws CertificateStoreException if it cannot be used; the previous contents stay in use
     */
    void reload() throws CertificateStoreException;

    /** Why the latest reload failed, or empty when the current contents are the newest. */
    Optional<CertificateStoreException> lastReloadFailure();
}
