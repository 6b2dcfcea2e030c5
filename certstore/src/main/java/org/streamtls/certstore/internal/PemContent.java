package org.streamtls.certstore.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.CertificateStoreException.Problem;

/**
 * The certificates and private keys of one PEM file, parsed by bcpkix's {@link PEMParser} (text
 * around and between the blocks and CRLF line ends are allowed). Keys may be PKCS#8, encrypted
 * PKCS#8, PKCS#1 RSA or SEC1 EC ("BEGIN EC PRIVATE KEY", optionally after "EC PARAMETERS"), also the
 * legacy OpenSSL "Proc-Type: 4,ENCRYPTED" form.
 */
public final class PemContent {

    public final List<X509Certificate> certificates;
    public final List<PrivateKey> keys;

    private PemContent(List<X509Certificate> certificates, List<PrivateKey> keys) {
        this.certificates = List.copyOf(certificates);
        this.keys = List.copyOf(keys);
    }

    /**
     * @param withKeys false to skip private keys (then no password is needed)
     */
    public static PemContent read(Path file, boolean withKeys, char[] password) throws CertificateStoreException {
        return parse(file, StoreFiles.read(file), withKeys, password);
    }

    public static PemContent parse(Path file, byte[] content, boolean withKeys, char[] password)
            throws CertificateStoreException {
        List<X509Certificate> certs = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        JcaX509CertificateConverter certConverter = new JcaX509CertificateConverter();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.ISO_8859_1);
             PEMParser parser = new PEMParser(reader)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder) {
                    certs.add(certConverter.getCertificate((X509CertificateHolder) o));
                } else if (o instanceof X509TrustedCertificateBlock) {
                    certs.add(certConverter.getCertificate(((X509TrustedCertificateBlock) o).getCertificateHolder()));
                } else if (!withKeys) {
                    continue;
                } else if (o instanceof PrivateKeyInfo) {
                    keys.add(privateKey(file, (PrivateKeyInfo) o));
                } else if (o instanceof PEMKeyPair) {
                    keys.add(privateKey(file, ((PEMKeyPair) o).getPrivateKeyInfo()));
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    needPassword(file, password);
                    try {
                        PrivateKeyInfo info = ((PKCS8EncryptedPrivateKeyInfo) o).decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BcProvider.get())
                                        .build(password));
                        keys.add(privateKey(file, info));
                    } catch (PKCSException | OperatorCreationException | RuntimeException e) {
                        throw wrongPassword(file, e);
                    }
                } else if (o instanceof PEMEncryptedKeyPair) {
                    needPassword(file, password);
                    try {
                        PEMKeyPair pair = ((PEMEncryptedKeyPair) o).decryptKeyPair(
                                new JcePEMDecryptorProviderBuilder().setProvider(BcProvider.get()).build(password));
                        keys.add(privateKey(file, pair.getPrivateKeyInfo()));
                    } catch (IOException | RuntimeException e) {
                        throw wrongPassword(file, e);
                    }
                } else if (o instanceof ASN1ObjectIdentifier || o instanceof X9ECParameters) {
                    continue; // "EC PARAMETERS" before a SEC1 key: the key names its curve itself
                }
                // other blocks (CSRs, CRLs, public keys) are not ours: skipped
            }
        } catch (CertificateStoreException e) {
            throw e;
        } catch (CertificateException e) {
            throw new CertificateStoreException(Problem.CORRUPT, file,
                    "corrupt certificate in " + file + ": " + StoreFiles.rootCause(e), e);
        } catch (IOException | RuntimeException e) {
            throw new CertificateStoreException(Problem.CORRUPT, file,
                    "truncated or corrupt PEM data in " + file + ": " + StoreFiles.rootCause(e), e);
        }
        return new PemContent(certs, keys);
    }

    private static void needPassword(Path file, char[] password) throws CertificateStoreException {
        if (password == null) {
            throw new CertificateStoreException(Problem.WRONG_PASSWORD, file,
                    "the private key in " + file + " is encrypted and no password was given", null);
        }
    }

    private static CertificateStoreException wrongPassword(Path file, Exception e) {
        return new CertificateStoreException(Problem.WRONG_PASSWORD, file,
                "wrong password for the encrypted private key in " + file + " (or the key is corrupt)", e);
    }

    private static PrivateKey privateKey(Path file, PrivateKeyInfo info) throws CertificateStoreException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException jdkFailed) {
            // the JDK lacks some curves (brainpool, secp256k1): BouncyCastle has them
            try {
                return new JcaPEMKeyConverter().setProvider(BcProvider.get()).getPrivateKey(info);
            } catch (PEMException | RuntimeException e) {
                throw new CertificateStoreException(Problem.UNSUPPORTED, file,
                        "unsupported or corrupt private key in " + file + " (algorithm "
                                + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + ")", e);
            }
        }
    }
}
