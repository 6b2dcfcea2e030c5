package org.streamtls.tls.internal.crypto;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The default backend's crypto: BouncyCastle's lightweight {@link BcTlsCrypto} for everything in
 * the handshake (X25519, ECDSA, RSA and RSA-PSS verification, ML-KEM hybrids, HKDF, certificates),
 * where it is 1.75-3x faster than the JCA (our own RSA signatures are the JDK's, which is faster
 * there: {@link JcaKeySigner}), and the JDK's AES-GCM and ChaCha20-Poly1305 (SunJCE, with its
 * intrinsics) for TLS 1.2/1.3 record protection, through {@link JdkAeadRecordCipher}, and the
 * JDK's SHA-256 and SHA-384 (also intrinsics) wherever BouncyCastle hashes: the transcript, HKDF and
 * HMAC, ECDSA nonces and what is signed, through {@link JdkDigest}.
 *
 * <p>Falls back to BouncyCastle's own record protection for an algorithm this JDK cannot run (see
 * {@link JdkAead#provider()}), for DTLS and for connection IDs. Every other suite is BouncyCastle's.
 *
 * <p>Peers' certificates keep their BouncyCastle public-key object from one handshake to the next
 * ({@link PeerPublicKeys}), so verifying the same server's (or client's) signatures again skips
 * the key's parsing and precomputation.
 *
 * <p>Thread-safe: holds only the shared {@link SecureRandom} (and uses the shared, thread-safe key
 * cache); one instance serves every connection.
 */
class ComposedTlsCrypto extends BcTlsCrypto {

    ComposedTlsCrypto(SecureRandom entropySource) {
        super(entropySource);
    }

    /** X.509 certificates whose public key object is reused from one handshake to the next ({@link PeerPublicKeys}). */
    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        if (type != CertificateType.X509) {
            return super.createCertificate(type, encoding);
        }
        return new KeyReusingCertificate(this, encoding, PeerPublicKeys.shared());
    }

    @Override
    public Digest createDigest(int cryptoHashAlgorithm) {
        Digest jdk = JdkDigest.create(cryptoHashAlgorithm);
        return jdk != null ? jdk : super.createDigest(cryptoHashAlgorithm);
    }

    @Override
    public Digest cloneDigest(int cryptoHashAlgorithm, Digest digest) {
        if (digest instanceof JdkDigest) {
            return (Digest) ((JdkDigest) digest).copy();
        }
        return super.cloneDigest(cryptoHashAlgorithm, digest);
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        JdkAead aead;
        int keySize;
        switch (encryptionAlgorithm) {
            case EncryptionAlgorithm.AES_128_GCM:
                aead = JdkAead.AES_GCM;
                keySize = 16;
                break;
            case EncryptionAlgorithm.AES_256_GCM:
                aead = JdkAead.AES_GCM;
                keySize = 32;
                break;
            case EncryptionAlgorithm.CHACHA20_POLY1305:
                aead = JdkAead.CHACHA20_POLY1305;
                keySize = 32;
                break;
            default:
                return super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
        }
        if (aead.provider() == null || !JdkAeadRecordCipher.supports(cryptoParams)) {
            return super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
        }
        return new JdkAeadRecordCipher(cryptoParams, aead, keySize);
    }
}
