package org.streamtls.tls.internal.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** A self-signed server identity made inside the test with bcpkix: an ECDSA P-256 or RSA-2048 key. */
final class TestIdentity {

    enum KeyType { EC_P256, RSA_2048 }

    private static TestIdentity ec;
    private static TestIdentity rsa;

    final KeyType type;
    final KeyPair keyPair;
    final byte[] certificateDer;

    private TestIdentity(KeyType type, KeyPair keyPair, byte[] certificateDer) {
        this.type = type;
        this.keyPair = keyPair;
        this.certificateDer = certificateDer;
    }

    /** One identity per key type for the whole test run (RSA key generation is slow). */
    static synchronized TestIdentity of(KeyType type) {
        try {
            if (type == KeyType.EC_P256) {
                if (ec == null) {
                    ec = generate(type);
                }
                return ec;
            }
            if (rsa == null) {
                rsa = generate(type);
            }
            return rsa;
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a test identity of type " + type, e);
        }
    }

    private static TestIdentity generate(KeyType type)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPairGenerator generator;
        String signatureAlgorithm;
        if (type == KeyType.EC_P256) {
            generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            signatureAlgorithm = "SHA256withECDSA";
        } else {
            generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            signatureAlgorithm = "SHA256withRSA";
        }
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=crypto-backend-test.example");
        long now = System.currentTimeMillis();
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                new Date(now + 86_400_000L), name, keyPair.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate()))
                .getEncoded();
        return new TestIdentity(type, keyPair, der);
    }

    /** The signature scheme this identity signs with: ecdsa_secp256r1_sha256 or rsa_pss_rsae_sha256. */
    SignatureAndHashAlgorithm signatureAlgorithm() {
        return SignatureScheme.getSignatureAndHashAlgorithm(type == KeyType.EC_P256
                ? SignatureScheme.ecdsa_secp256r1_sha256 : SignatureScheme.rsa_pss_rsae_sha256);
    }

    /** Server credentials for {@code context}, signing through {@code crypto} (BC or JCA). */
    TlsCredentialedSigner signer(TlsContext context, TlsCrypto crypto) throws IOException {
        TlsCertificate tlsCertificate = crypto.createCertificate(certificateDer);
        Certificate certificate = TlsUtils.isTLSv13(context)
                ? new Certificate(TlsUtils.EMPTY_BYTES,
                        new CertificateEntry[] {new CertificateEntry(tlsCertificate, null)})
                : new Certificate(new TlsCertificate[] {tlsCertificate});
        TlsCryptoParameters parameters = new TlsCryptoParameters(context);
        if (crypto instanceof BcTlsCrypto) {
            return new BcDefaultTlsCredentialedSigner(parameters, (BcTlsCrypto) crypto,
                    PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded()), certificate,
                    signatureAlgorithm());
        }
        if (crypto instanceof JcaTlsCrypto) {
            return new JcaDefaultTlsCredentialedSigner(parameters, (JcaTlsCrypto) crypto, keyPair.getPrivate(),
                    certificate, signatureAlgorithm());
        }
        throw new IllegalArgumentException("unsupported crypto " + crypto.getClass().getName());
    }
}
