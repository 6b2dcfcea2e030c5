package org.streamtls.tls.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two AEAD families that TLS 1.2/1.3 record protection uses, as the JDK's own provider (SunJCE)
 * offers them. {@link #provider()} is null when this JDK cannot run the algorithm; callers then
 * fall back to BouncyCastle's lightweight implementation.
 *
 * <p>Thread-safe (immutable after class initialisation).
 */
enum JdkAead {
    /** AES-GCM with a 16-byte tag (RFC 5288 for TLS 1.2, RFC 8446 for TLS 1.3). */
    AES_GCM("AES/GCM/NoPadding", "AES", 16),
    /** ChaCha20-Poly1305 (RFC 7905 for TLS 1.2, RFC 8446 for TLS 1.3); in SunJCE since JDK 11. */
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20", 32);

    /** The tag length of both algorithms, in bytes. */
    static final int TAG_LENGTH = 16;

    /** The JDK provider whose intrinsics we want; BouncyCastle's provider may sit above it. */
    private static final String JDK_PROVIDER = "SunJCE";

    private final String transformation;
    private final String keyAlgorithm;
    private final Provider provider;

    JdkAead(String transformation, String keyAlgorithm, int probeKeyLength) {
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.provider = probe(transformation, keyAlgorithm, probeKeyLength);
    }

    /** The provider that runs this algorithm on this JDK, or null if the JDK lacks it. */
    Provider provider() {
        return provider;
    }

    /** A new, uninitialised cipher from {@link #provider()}. */
    Cipher newCipher() throws GeneralSecurityException {
        return Cipher.getInstance(transformation, provider);
    }

    SecretKeySpec newKey(byte[] key, int offset, int length) {
        return new SecretKeySpec(key, offset, length, keyAlgorithm);
    }

    /** The per-record parameters for a 12-byte nonce. */
    AlgorithmParameterSpec parameters(byte[] nonce) {
        return this == AES_GCM ? new GCMParameterSpec(TAG_LENGTH * 8, nonce) : new IvParameterSpec(nonce);
    }

    /** The JDK provider if it encrypts and decrypts one record correctly with this algorithm, else null. */
    private static Provider probe(String transformation, String keyAlgorithm, int keyLength) {
        Provider jdk = Security.getProvider(JDK_PROVIDER);
        if (jdk == null) {
            return null;
        }
        try {
            byte[] key = new byte[keyLength];
            byte[] nonce = new byte[12];
            key[0] = 1;
            nonce[0] = 2;
            SecretKeySpec secretKey = new SecretKeySpec(key, keyAlgorithm);
            AlgorithmParameterSpec spec = "AES".equals(keyAlgorithm)
                    ? new GCMParameterSpec(TAG_LENGTH * 8, nonce) : new IvParameterSpec(nonce);
            byte[] message = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
            Cipher encrypt = Cipher.getInstance(transformation, jdk);
            encrypt.init(Cipher.ENCRYPT_MODE, secretKey, spec);
            encrypt.updateAAD(new byte[] {23, 3, 3});
            byte[] sealed = encrypt.doFinal(message);
            Cipher decrypt = Cipher.getInstance(transformation, jdk);
            decrypt.init(Cipher.DECRYPT_MODE, secretKey, spec);
            decrypt.updateAAD(new byte[] {23, 3, 3});
            byte[] opened = decrypt.doFinal(sealed);
            return java.util.Arrays.equals(message, opened) ? jdk : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
