package org.streamtls.samples.cli.internal;

import java.nio.file.Path;

import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.CertificateStores;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.ReloadingCertificateStore;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code --cert PEM --key PEM [--key-pass PASS] | --store FILE.p12 [--store-pass PASS]}: the
 * certificate and key a server or client presents. Use as an exclusive picocli argument group.
 */
public final class IdentityOptions {

    @ArgGroup(exclusive = false)
    PemPair pem;

    @ArgGroup(exclusive = false)
    Pkcs12 store;

    /** A PEM certificate chain and its key. */
    static final class PemPair {
        @Option(names = "--cert", required = true, paramLabel = "PEM",
                description = "The certificate chain to present, leaf first (PEM); needs --key.")
        Path cert;

        @Option(names = "--key", required = true, paramLabel = "PEM", description = "The private key of --cert (PEM).")
        Path key;

        @Option(names = "--key-pass", paramLabel = "PASS", converter = Password.Converter.class,
                description = "Password of an encrypted --key (PASS, pass:PASS, env:VAR or file:PATH).")
        Password keyPassword;
    }

    /** A PKCS#12 file. */
    static final class Pkcs12 {
        @Option(names = "--store", required = true, paramLabel = "FILE.p12",
                description = "A PKCS#12 file with the key and chain to present.")
        Path file;

        @Option(names = "--store-pass", paramLabel = "PASS", converter = Password.Converter.class,
                description = "Password of --store (PASS, pass:PASS, env:VAR or file:PATH).")
        Password password;
    }

    /**
     * The store the options name (certstore's reloading PEM or PKCS#12 store: a certificate renewed
     * on disk is presented from the next handshake on), holding at least one identity.
     *
     * @throws CertificateStoreException if the files cannot be read or hold no key with its certificate
     */
    public ReloadingCertificateStore openStore() throws CertificateStoreException {
        ReloadingCertificateStore opened;
        Path file;
        if (pem != null) {
            file = pem.cert;
            opened = CertificateStores.pem(pem.cert, pem.key, Password.charsOf(pem.keyPassword));
        } else {
            file = store.file;
            opened = CertificateStores.pkcs12(store.file, Password.charsOf(store.password) == null
                    ? new char[0] : Password.charsOf(store.password));
        }
        if (opened.identities().isEmpty()) {
            throw new CertificateStoreException(CertificateStoreException.Problem.MISSING_KEY, file,
                    file + " holds no private key with its certificate", null);
        }
        return opened;
    }

    /** The first identity of the store, for messages ("Presenting CN=…"). */
    public static Identity first(ReloadingCertificateStore store) {
        return store.identities().get(0);
    }

    /** For messages: the file(s) named. */
    public String source() {
        return pem != null ? pem.cert + " and " + pem.key : store.file.toString();
    }
}
