package org.streamtls.certstore.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.crypto.BadPaddingException;
import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.CertificateStoreException.Problem;
import org.streamtls.certstore.Identity;

/** The identities and trusted certificates of a JCA {@link KeyStore}, loaded from a file or a provider. */
public final class KeyStoreContent {

    public final List<Identity> identities;
    public final List<X509Certificate> trusted;

    private KeyStoreContent(List<Identity> identities, List<X509Certificate> trusted) {
        this.identities = List.copyOf(identities);
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Loads a key store.
     *
     * @param type "PKCS12", "BCFKS", "JKS", "Windows-MY", "PKCS11", ...
     * @param provider the provider name, or null for the first that has the type ("BC" works
     *                 without being registered)
     * @param file the file, or null for a store without one (Windows-MY, PKCS#11)
     * @param password the store password, also used for the keys; may be null
     * @param label how messages name the store when there is no file
     */
    public static KeyStoreContent load(String type, String provider, Path file, char[] password, String label)
            throws CertificateStoreException {
        String where = file != null ? file.toString() : label;
        KeyStore ks = instance(type, provider, file, where);
        try {
            if (file != null) {
                byte[] bytes = StoreFiles.read(file);
                ks.load(new ByteArrayInputStream(bytes), password);
            } else {
                ks.load(null, password);
            }
        } catch (CertificateStoreException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw loadFailure(e, file, where, type);
        }
        return extract(ks, password, file, where);
    }

    private static KeyStore instance(String type, String provider, Path file, String where)
            throws CertificateStoreException {
        try {
            if (provider == null) {
                try {
                    return KeyStore.getInstance(type);
                } catch (KeyStoreException e) {
                    return KeyStore.getInstance(type, BcProvider.get());
                }
            }
            Provider p = Security.getProvider(provider);
            if (p == null && provider.equals(BcProvider.get().getName())) {
                p = BcProvider.get();
            }
            if (p == null) {
                throw new NoSuchProviderException("no provider named " + provider);
            }
            return KeyStore.getInstance(type, p);
        } catch (KeyStoreException | NoSuchProviderException e) {
            throw new CertificateStoreException(Problem.UNSUPPORTED, file,
                    "key store type " + type + (provider != null ? " of provider " + provider : "")
                            + " is not available for " + where + ": " + e.getMessage(), e);
        }
    }

    private static CertificateStoreException loadFailure(Exception e, Path file, String where, String type) {
        if (hasCause(e, UnrecoverableKeyException.class) || hasCause(e, BadPaddingException.class)
                || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password")) {
            return new CertificateStoreException(Problem.WRONG_PASSWORD, file,
                    "wrong password for " + type + " key store " + where, e);
        }
        if (hasCause(e, NoSuchAlgorithmException.class)) {
            return new CertificateStoreException(Problem.UNSUPPORTED, file,
                    type + " key store " + where + " uses an algorithm this runtime lacks: "
                            + StoreFiles.rootCause(e), e);
        }
        String cause = StoreFiles.rootCause(e);
        if (cause.toLowerCase(Locale.ROOT).contains("mac")) {
            return new CertificateStoreException(Problem.WRONG_PASSWORD, file,
                    "wrong password for " + type + " key store " + where
                            + " (or the file is corrupt: its integrity check failed)", e);
        }
        return new CertificateStoreException(Problem.CORRUPT, file,
                "truncated or corrupt " + type + " key store " + where + ": " + cause, e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Key entries become identities (chain from the store), certificate entries trusted certificates. */
    public static KeyStoreContent extract(KeyStore ks, char[] password, Path file, String where)
            throws CertificateStoreException {
        List<Identity> identities = new ArrayList<>();
        List<X509Certificate> trusted = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    Key key;
                    try {
                        key = ks.getKey(alias, password);
                    } catch (UnrecoverableKeyException e) {
                        throw new CertificateStoreException(Problem.WRONG_PASSWORD, file,
                                "wrong password for the key \"" + alias + "\" in " + where, e);
                    }
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                        continue; // a secret key, or a key without certificate: not an identity
                    }
                    List<X509Certificate> certs = new ArrayList<>();
                    for (Certificate c : chain) {
                        if (c instanceof X509Certificate) {
                            certs.add((X509Certificate) c);
                        }
                    }
                    if (!certs.isEmpty()) {
                        identities.add(new Identity(certs, (PrivateKey) key));
                    }
                } else if (ks.isCertificateEntry(alias)) {
                    Certificate c = ks.getCertificate(alias);
                    if (c instanceof X509Certificate) {
                        trusted.add((X509Certificate) c);
                    }
                }
            }
        } catch (CertificateStoreException e) {
            throw e;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertificateStoreException(Problem.CORRUPT, file,
                    "cannot read the entries of " + where + ": " + StoreFiles.rootCause(e), e);
        }
        return new KeyStoreContent(identities, trusted);
    }
}
