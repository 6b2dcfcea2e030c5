package org.streamtls.samples.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;
import org.streamtls.certstore.Pkcs12Files;

/**
 * Loads and saves identities in the two file forms the CLI accepts: PKCS#12 ({@code .p12},
 * {@code .pfx}) and PEM (a certificate-chain file plus a key file, which may be the same file).
 */
public final class IdentityFiles {

    private IdentityFiles() {
    }

    /** Whether the file name says PKCS#12 ({@code .p12} or {@code .pfx}). */
    public static boolean isPkcs12(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    /**
     * The key file that goes with a PEM certificate file when none is named: {@code NAME.key.pem}
     * beside {@code NAME.pem} if it exists, else the certificate file itself.
     */
    public static Path defaultKeyFile(Path certificateFile) {
        Path sibling = keyFileBeside(certificateFile);
        return Files.exists(sibling) ? sibling : certificateFile;
    }

    /** {@code NAME.key.pem} beside {@code NAME.pem} (or {@code NAME.crt}). */
    public static Path keyFileBeside(Path certificateFile) {
        String name = certificateFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return certificateFile.resolveSibling(base + ".key.pem");
    }

    /**
     * The first identity of a PKCS#12 file, or the identity of a PEM certificate and key.
     *
     * @param keyFile the PEM key file, or null for {@link #defaultKeyFile}; ignored for PKCS#12
     * @param password the PKCS#12 password or the PEM key's password, or null
     */
    public static Identity load(Path file, Path keyFile, char[] password) throws CertificateStoreException {
        if (isPkcs12(file)) {
            List<Identity> identities = Pkcs12Files.read(file, password == null ? new char[0] : password);
            if (identities.isEmpty()) {
                throw new CertificateStoreException(CertificateStoreException.Problem.MISSING_KEY, file,
                        "PKCS#12 file " + file + " holds no private key entry", null);
            }
            return identities.get(0);
        }
        return PemFiles.readIdentity(file, keyFile != null ? keyFile : defaultKeyFile(file), password);
    }

    /**
     * Saves an identity: to PKCS#12 (password required) or as a PEM chain plus a PEM key file.
     *
     * @param keyFile the PEM key file (ignored for PKCS#12)
     * @param password the PKCS#12 password, or for PEM the key's encryption password (null: unencrypted)
     */
    public static void save(Identity identity, Path file, Path keyFile, char[] password) throws IOException {
        if (isPkcs12(file)) {
            Pkcs12Files.write(file, identity, password);
        } else {
            PemFiles.writeCertificates(file, identity.chain());
            PemFiles.writePrivateKey(keyFile, identity.privateKey(), password);
        }
    }
}
