package org.streamtls.certstore;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.streamtls.certstore.CertificateStoreException.Problem;
import org.streamtls.certstore.internal.BcProvider;
import org.streamtls.certstore.internal.PemContent;
import org.streamtls.certstore.internal.PemFolder;
import org.streamtls.certstore.internal.SecureFiles;

/**
 * Reads and writes PEM files of certificates and private keys, as OpenSSL, nginx and most servers
 * use them (bcpkix's PEMParser and JcaPEMWriter do the encoding).
 *
 * <p>Writing: certificates as "CERTIFICATE" blocks in the order given; a private key as PKCS#8
 * ("PRIVATE KEY"), or, with a password, as encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY": PBES2,
 * PBKDF2-HMAC-SHA256, AES-256-CBC) — the forms {@code openssl} 3 writes by default. Files are
 * replaced atomically (written beside, then renamed), and key files are created readable by their
 * owner only on POSIX file systems.
 *
 * <p>Reading: every block of a file; text around and between blocks and CRLF line ends are
 * ignored. Keys may be PKCS#8, encrypted PKCS#8, PKCS#1 RSA ("RSA PRIVATE KEY"), SEC1 EC
 * ("EC PRIVATE KEY", optionally after "EC PARAMETERS"), including OpenSSL's legacy
 * "Proc-Type: 4,ENCRYPTED" form. Other blocks (requests, CRLs, public keys) are skipped.
 *
 * <p>Errors: {@link CertificateStoreException} naming the file and its {@link Problem}: not found,
 * wrong or missing password, truncated or corrupt data, no certificate or no key, a key that does
 * not belong to the certificate. Messages never contain key material.
 *
 * <p>Thread-safe (stateless).
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** Writes the certificates as PEM blocks, in the given order (leaf first for a chain). */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        Objects.requireNonNull(file, "file");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate c : certificates) {
                writer.writeObject(c);
            }
        }
        SecureFiles.write(file, text.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    /**
     * Writes the private key as PKCS#8, encrypted when a password is given.
     *
     * @param password the password to encrypt with, or null for an unencrypted key
     */
    public static void writePrivateKey(Path file, PrivateKey key, char[] password) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            OutputEncryptor encryptor = null;
            if (password != null) {
                encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setProvider(BcProvider.get())
                        .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(100_000)
                        .setPassword(password)
                        .build();
            }
            writer.writeObject(new JcaPKCS8Generator(key, encryptor));
        } catch (OperatorCreationException e) {
            throw new IOException("cannot encrypt the private key for " + file + ": " + e.getMessage(), e);
        }
        SecureFiles.write(file, text.toString().getBytes(StandardCharsets.US_ASCII), true);
    }

    /**
     * All certificates in the file, in file order.
     *
     * @throws CertificateStoreException if the file is missing, unreadable, corrupt, or holds none
     */
    public static List<X509Certificate> readCertificates(Path file) throws CertificateStoreException {
        PemContent content = PemContent.read(file, false, null);
        if (content.certificates.isEmpty()) {
            throw new CertificateStoreException(Problem.MISSING_CERTIFICATE, file,
                    "no certificate in " + file, null);
        }
        return content.certificates;
    }

    /**
     * The first private key in the file.
     *
     * @param password the password of an encrypted key, or null
     * @throws CertificateStoreException if the file is missing, corrupt, holds no key, or the
     *                                   password is wrong or missing
     */
    public static PrivateKey readPrivateKey(Path file, char[] password) throws CertificateStoreException {
        PemContent content = PemContent.read(file, true, password);
        if (content.keys.isEmpty()) {
            throw new CertificateStoreException(Problem.MISSING_KEY, file, "no private key in " + file, null);
        }
        return content.keys.get(0);
    }

    /**
     * An identity from a certificate-chain file and a key file (which may be the same file). The
     * certificate matching the key becomes the leaf, the others follow in issuer order, whatever
     * their order in the file.
     *
     * @param password the password of an encrypted key, or null
     * @throws CertificateStoreException as the two reads, or {@link Problem#KEY_MISMATCH} when no
     *                                   certificate in the chain file belongs to the key
     */
    public static Identity readIdentity(Path certificateFile, Path keyFile, char[] password)
            throws CertificateStoreException {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        return PemFolder.identity(certificateFile, keyFile, password);
    }
}
