package org.streamtls.certstore;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.streamtls.certstore.internal.FileStamps;
import org.streamtls.certstore.internal.KeyStoreContent;
import org.streamtls.certstore.internal.PemFolder;
import org.streamtls.certstore.internal.ReloadingStore;

/**
 * Where identities and trusted certificates come from: the {@link CertificateStore} factories.
 *
 * <ul>
 *   <li>{@link #pkcs12}: a PKCS#12 file (.p12/.pfx): key entries are identities, certificate
 *       entries trusted certificates.</li>
 *   <li>{@link #pem}: a certificate-chain file and a key file (PKCS#8, encrypted PKCS#8, PKCS#1 RSA,
 *       SEC1 EC; see {@link PemFiles}); both may be the same file.</li>
 *   <li>{@link #pemFolder}: a folder of such pairs, for a server with many names.</li>
 *   <li>{@link #keyStore}: any JCA key store by type and provider — BCFKS (provider "BC", which
 *       need not be registered), JKS, PKCS12, PKCS#11 ({@code type "PKCS11"} with a configured
 *       SunPKCS11 provider, file null), and on Windows the system stores through SunMSCAPI:
 *       {@code keyStore("Windows-MY", "SunMSCAPI", null, null)} for the current user's personal
 *       certificates with their (non-exportable, still usable) keys, {@code "Windows-ROOT"} for its
 *       trusted roots.</li>
 *   <li>{@link #inMemory}: fixed contents.</li>
 * </ul>
 *
 * <p>The file-backed and key-store stores are {@link ReloadingCertificateStore}s: they follow file
 * changes, and a bad new file keeps the old identities and reports why. PEM stores hold no trusted
 * certificates (use {@link TrustAnchors#pemBundle} for a CA bundle).
 *
 * <p>Errors: every factory reads at once and throws a {@link CertificateStoreException} naming the
 * file and the problem. Passwords are copied: the caller may clear its array afterwards.
 */
public final class CertificateStores {

    private CertificateStores() {
    }

    /** A PKCS#12 file protected by the password (also the key password, as OpenSSL writes them). */
    public static ReloadingCertificateStore pkcs12(Path file, char[] password) throws CertificateStoreException {
        return keyStore("PKCS12", null, file, password);
    }

    /**
     * A PEM certificate-chain file and its key file. The certificate that belongs to the key is the
     * leaf; the others follow in issuer order whatever their order in the file.
     *
     * @param password the password of an encrypted key, or null
     */
    public static ReloadingCertificateStore pem(Path chainFile, Path keyFile, char[] password)
            throws CertificateStoreException {
        Objects.requireNonNull(chainFile, "chainFile");
        Objects.requireNonNull(keyFile, "keyFile");
        char[] pw = copy(password);
        return new ReloadingStore("PEM store " + chainFile + (keyFile.equals(chainFile) ? "" : " + " + keyFile),
                () -> new ReloadingStore.Contents(List.of(PemFolder.identity(chainFile, keyFile, pw)), List.of()),
                () -> FileStamps.of(List.of(chainFile, keyFile)));
    }

    /**
     * A folder of PEM identities, in file-name order: each {@code NAME.key} with its
     * {@code NAME.crt}, {@code NAME.pem} or {@code NAME.cer} chain, and each other {@code .pem} file
     * that holds both a key and its certificate. Other files and hidden files are ignored. Adding,
     * replacing or removing files is a change; one bad pair makes the whole change wait.
     *
     * @param password the password of encrypted keys (one for all), or null
     */
    public static ReloadingCertificateStore pemFolder(Path folder, char[] password) throws CertificateStoreException {
        Objects.requireNonNull(folder, "folder");
        char[] pw = copy(password);
        return new ReloadingStore("PEM folder " + folder, () -> PemFolder.load(folder, pw),
                () -> FileStamps.ofFolder(folder));
    }

    /**
     * A JCA key store. Key entries become identities (keys read with the same password), trusted
     * certificate entries trusted certificates.
     *
     * @param type the key store type: "PKCS12", "BCFKS", "JKS", "PKCS11", "Windows-MY", ...
     * @param provider the provider name, or null for the first provider that has the type
     * @param file the key store file, or null for stores without one (Windows, PKCS#11)
     * @param password the store password (PKCS#11: the PIN), or null
     */
    public static ReloadingCertificateStore keyStore(String type, String provider, Path file, char[] password)
            throws CertificateStoreException {
        Objects.requireNonNull(type, "type");
        char[] pw = copy(password);
        String description = type + " store " + (file != null ? file.toString() : "of provider "
                + (provider != null ? provider : "default"));
        return new ReloadingStore(description, () -> {
            KeyStoreContent c = KeyStoreContent.load(type, provider, file, pw, description);
            return new ReloadingStore.Contents(c.identities, c.trusted);
        }, file == null ? () -> null : () -> FileStamps.of(List.of(file)));
    }

    /** Fixed identities and trusted certificates. */
    public static CertificateStore inMemory(List<Identity> identities, List<X509Certificate> trustedCertificates) {
        List<Identity> ids = List.copyOf(identities);
        List<X509Certificate> trusted = List.copyOf(trustedCertificates);
        return new CertificateStore() {
            @Override
            public List<Identity> identities() {
                return ids;
            }

            @Override
            public List<X509Certificate> trustedCertificates() {
                return trusted;
            }

            @Override
            public String toString() {
                return "in-memory store (" + ids.size() + " identities, " + trusted.size() + " trusted)";
            }
        };
    }

    private static char[] copy(char[] password) {
        return password == null ? null : password.clone();
    }
}
