package org.streamtls.certstore.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.CertificateStoreException.Problem;
import org.streamtls.certstore.Identity;

/** Loads the identities of a folder of PEM pairs (see CertificateStores.pemFolder). */
public final class PemFolder {

    private static final String[] CERTIFICATE_SUFFIXES = {".crt", ".pem", ".cer"};

    private PemFolder() {
    }

    public static ReloadingStore.Contents load(Path folder, char[] password) throws CertificateStoreException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path f : dir) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")) {
                    names.add(f.getFileName().toString());
                }
            }
        } catch (NoSuchFileException e) {
            throw new CertificateStoreException(Problem.NOT_FOUND, folder, "folder not found: " + folder, e);
        } catch (IOException e) {
            throw new CertificateStoreException(Problem.UNREADABLE, folder,
                    "cannot list folder " + folder + ": " + e.getMessage(), e);
        }
        List<Identity> identities = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (String name : names) {
            if (!name.endsWith(".key")) {
                continue;
            }
            String base = name.substring(0, name.length() - 4);
            String certName = null;
            for (String suffix : CERTIFICATE_SUFFIXES) {
                if (names.contains(base + suffix)) {
                    certName = base + suffix;
                    break;
                }
            }
            Path keyFile = folder.resolve(name);
            if (certName == null) {
                throw new CertificateStoreException(Problem.MISSING_CERTIFICATE, keyFile,
                        "no certificate file " + base + ".crt or " + base + ".pem beside " + keyFile, null);
            }
            used.add(name);
            used.add(certName);
            identities.add(identity(folder.resolve(certName), keyFile, password));
        }
        for (String name : names) {
            if (used.contains(name) || !name.endsWith(".pem")) {
                continue;
            }
            Path file = folder.resolve(name);
            PemContent content = PemContent.read(file, true, password);
            if (!content.keys.isEmpty() && !content.certificates.isEmpty()) {
                identities.add(identity(file, content.certificates, content.keys, file));
            }
        }
        return new ReloadingStore.Contents(identities, List.of());
    }

    /** The identity of a chain file and a key file (which may be the same file). */
    public static Identity identity(Path certFile, Path keyFile, char[] password) throws CertificateStoreException {
        boolean oneFile = certFile.equals(keyFile);
        PemContent certs = PemContent.read(certFile, oneFile, password);
        PemContent keys = oneFile ? certs : PemContent.read(keyFile, true, password);
        if (certs.certificates.isEmpty()) {
            throw new CertificateStoreException(Problem.MISSING_CERTIFICATE, certFile,
                    "no certificate in " + certFile, null);
        }
        return identity(certFile, certs.certificates, keys.keys, keyFile);
    }

    private static Identity identity(Path certFile, List<X509Certificate> certificates, List<PrivateKey> keys,
                                     Path keyFile) throws CertificateStoreException {
        if (keys.isEmpty()) {
            throw new CertificateStoreException(Problem.MISSING_KEY, keyFile, "no private key in " + keyFile, null);
        }
        PrivateKey key = keys.get(0);
        X509Certificate leaf = Chains.certificateFor(key, certificates);
        if (leaf == null) {
            throw new CertificateStoreException(Problem.KEY_MISMATCH, keyFile,
                    "the private key in " + keyFile + " belongs to no certificate in " + certFile, null);
        }
        return new Identity(Chains.order(leaf, certificates), key);
    }
}
