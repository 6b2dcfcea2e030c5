package org.streamtls.tls.internal.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.util.Memoable;

/**
 * SHA-256 and SHA-384 as BouncyCastle lightweight {@link ExtendedDigest}s on the JDK's own
 * {@link MessageDigest} (provider SUN), whose compression function HotSpot replaces with an
 * intrinsic (SHA-NI or AVX2 on x86-64, the SHA extensions on AArch64). BouncyCastle's Java
 * {@code SHA256Digest} is several times slower. The handshake hashes its transcript, derives every
 * TLS 1.3 secret (HKDF, i.e. HMAC), makes deterministic ECDSA nonces (HMAC-DRBG) and hashes what it
 * signs with these.
 *
 * <p>{@link Memoable}, as BouncyCastle's digests are, so that {@code HMac} keeps the state after the
 * inner and outer pads instead of hashing a pad block again for every MAC, and a transcript hash
 * can be copied.
 *
 * <p>Not thread-safe (like every {@code Digest}); {@link #create} is.
 */
final class JdkDigest implements ExtendedDigest, Memoable {

    private static final MessageDigest SHA256 = prototype("SHA-256");
    private static final MessageDigest SHA384 = prototype("SHA-384");

    private final String name;
    private final int blockLength;
    private MessageDigest digest;

    private JdkDigest(String name, int blockLength, MessageDigest digest) {
        this.name = name;
        this.blockLength = blockLength;
        this.digest = digest;
    }

    /**
     * A new digest for a BouncyCastle {@link CryptoHashAlgorithm}, or null when it is not one of
     * these or this JDK's SUN provider cannot make it (BouncyCastle's own is used then).
     */
    static JdkDigest create(int cryptoHashAlgorithm) {
        switch (cryptoHashAlgorithm) {
            case CryptoHashAlgorithm.sha256:
                return SHA256 == null ? null : new JdkDigest("SHA-256", 64, copy(SHA256));
            case CryptoHashAlgorithm.sha384:
                return SHA384 == null ? null : new JdkDigest("SHA-384", 128, copy(SHA384));
            default:
                return null;
        }
    }

    @Override
    public String getAlgorithmName() {
        return name;
    }

    @Override
    public int getDigestSize() {
        return digest.getDigestLength();
    }

    @Override
    public int getByteLength() {
        return blockLength;
    }

    @Override
    public void update(byte in) {
        digest.update(in);
    }

    @Override
    public void update(byte[] in, int inOff, int len) {
        digest.update(in, inOff, len);
    }

    @Override
    public int doFinal(byte[] out, int outOff) {
        try {
            return digest.digest(out, outOff, out.length - outOff);
        } catch (DigestException e) {
            throw new IllegalArgumentException("output buffer too short for " + name, e);
        }
    }

    @Override
    public void reset() {
        digest.reset();
    }

    @Override
    public Memoable copy() {
        return new JdkDigest(name, blockLength, copy(digest));
    }

    @Override
    public void reset(Memoable other) {
        JdkDigest d = (JdkDigest) other;
        if (!d.name.equals(name)) {
            throw new IllegalArgumentException("cannot reset a " + name + " digest to a " + d.name + " state");
        }
        digest = copy(d.digest);
    }

    private static MessageDigest copy(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(d.getAlgorithm() + " of " + d.getProvider() + " cannot be copied", e);
        }
    }

    /** The SUN provider's digest, if it exists and can be copied (SUN's can); else null. */
    private static MessageDigest prototype(String algorithm) {
        Provider sun = Security.getProvider("SUN");
        if (sun == null) {
            return null;
        }
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm, sun);
            d.clone();
            return d;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException | RuntimeException e) {
            return null;
        }
    }
}
