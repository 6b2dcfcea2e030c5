package org.streamtls.certstore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.streamtls.certstore.internal.KeyStoreContent;
import org.streamtls.certstore.internal.SecureFiles;

/**
 * Reads and writes PKCS#12 files (.p12, .pfx) through the JDK's PKCS12 key store.
 *
 * <p>Writing uses the JDK's defaults (JDK 17.0.x and later: PBES2 with PBKDF2-HMAC-SHA256 and
 * AES-256-CBC for keys and certificates, an HMAC-SHA256 integrity MAC), which {@code openssl} 3
 * reads without {@code -legacy}. The key is protected by the same password as the file, as
 * OpenSSL expects. Files are replaced atomically and created readable by their owner only (POSIX).
 *
 * <p>Reading accepts what {@code openssl pkcs12 -export} writes (also with {@code -legacy}), and
 * what Windows and the JDK write.
 *
 * <p>Errors: {@link CertificateStoreException} naming the file: {@code WRONG_PASSWORD},
 * {@code CORRUPT} (truncated or damaged), {@code NOT_FOUND}. Thread-safe (stateless).
 */
public final class Pkcs12Files {

    private Pkcs12Files() {
    }

    /**
     * Writes one identity (its key and chain) under an alias made from its common name.
     *
     * @param password the file and key password; must not be empty (OpenSSL and the JDK treat
     *                 empty passwords differently)
     */
    public static void write(Path file, Identity identity, char[] password) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(identity, "identity");
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a PKCS12 file needs a non-empty password");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias(identity), identity.privateKey(), password,
                    identity.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            SecureFiles.write(file, out.toByteArray(), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the PKCS12 file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The identities (key entries) of a PKCS12 file, chains as stored.
     *
     * @throws CertificateStoreException if it is missing, corrupt, or the password is wrong
     */
    public static List<Identity> read(Path file, char[] password) throws CertificateStoreException {
        return KeyStoreContent.load("PKCS12", null, file, password, null).identities;
    }

    private static String alias(Identity identity) {
        String name = identity.leaf().getSubjectX500Principal().getName();
        for (String part : name.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3).toLowerCase(Locale.ROOT);
            }
        }
        return "identity";
    }
}
