package org.streamtls.bench;

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

/** A self-signed ECDSA P-256 server identity, made once per JVM with bcpkix. */
final class BenchIdentity {

    private static final BenchIdentity INSTANCE = generate();

    private final KeyPair keyPair;
    private final byte[] certificateDer;

    private BenchIdentity(KeyPair keyPair, byte[] certificateDer) {
        this.keyPair = keyPair;
        this.certificateDer = certificateDer;
    }

    static BenchIdentity get() {
        return INSTANCE;
    }

    private static BenchIdentity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=bench.streamtls.example");
            long now = System.currentTimeMillis();
            byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                    new Date(now + 86_400_000L), name, keyPair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()))
                    .getEncoded();
            return new BenchIdentity(keyPair, der);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the benchmark's server identity", e);
        }
    }

    /** Server credentials for {@code context}, signing through {@code crypto} (BouncyCastle or JCA). */
    TlsCredentialedSigner signer(TlsContext context, TlsCrypto crypto) throws IOException {
        TlsCertificate tlsCertificate = crypto.createCertificate(certificateDer);
        Certificate certificate = TlsUtils.isTLSv13(context)
                ? new Certificate(TlsUtils.EMPTY_BYTES,
                        new CertificateEntry[] {new CertificateEntry(tlsCertificate, null)})
                : new Certificate(new TlsCertificate[] {tlsCertificate});
        TlsCryptoParameters parameters = new TlsCryptoParameters(context);
        var algorithm = SignatureScheme.getSignatureAndHashAlgorithm(SignatureScheme.ecdsa_secp256r1_sha256);
        if (crypto instanceof BcTlsCrypto) {
            return new BcDefaultTlsCredentialedSigner(parameters, (BcTlsCrypto) crypto,
                    PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded()), certificate, algorithm);
        }
        if (crypto instanceof JcaTlsCrypto) {
            return new JcaDefaultTlsCredentialedSigner(parameters, (JcaTlsCrypto) crypto, keyPair.getPrivate(),
                    certificate, algorithm);
        }
        throw new IllegalArgumentException("unsupported crypto " + crypto.getClass().getName());
    }
}
