package org.streamtls.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.SecureRandom;
import java.util.Random;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JdkDigestTest {

    private static Digest bc(int algorithm) {
        return algorithm == CryptoHashAlgorithm.sha256 ? new SHA256Digest() : new SHA384Digest();
    }

    private static byte[] hash(Digest d, byte[] data, int chunk) {
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            if (n == 1) {
                d.update(data[off]);
            } else {
                d.update(data, off, n);
            }
        }
        byte[] out = new byte[d.getDigestSize() + 3];
        assertEquals(d.getDigestSize(), d.doFinal(out, 3));
        return java.util.Arrays.copyOfRange(out, 3, out.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {CryptoHashAlgorithm.sha256, CryptoHashAlgorithm.sha384})
    void sameHashesAsBouncyCastle(int algorithm) {
        Random random = new Random(algorithm);
        Digest jdk = JdkDigest.create(algorithm);
        assertNotNull(jdk);
        Digest bc = bc(algorithm);
        assertEquals(bc.getAlgorithmName(), jdk.getAlgorithmName());
        assertEquals(bc.getDigestSize(), jdk.getDigestSize());
        assertEquals(((org.bouncycastle.crypto.ExtendedDigest) bc).getByteLength(),
                ((org.bouncycastle.crypto.ExtendedDigest) jdk).getByteLength());
        for (int length : new int[] {0, 1, 55, 56, 64, 111, 112, 128, 1000, 70000}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            for (int chunk : new int[] {1, 7, 64, 100000}) {
                // doFinal resets: the same digest object is reused throughout
                assertArrayEquals(hash(bc, data, chunk), hash(jdk, data, chunk), "length " + length);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {CryptoHashAlgorithm.sha256, CryptoHashAlgorithm.sha384})
    void copiesAndResetsToACopyAsBouncyCastleDoes(int algorithm) {
        JdkDigest jdk = JdkDigest.create(algorithm);
        Digest bc = bc(algorithm);
        byte[] first = "the transcript so far".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        jdk.update(first, 0, first.length);
        bc.update(first, 0, first.length);
        Digest snapshot = (Digest) jdk.copy();
        Digest bcSnapshot = (Digest) ((org.bouncycastle.util.Memoable) bc).copy();
        jdk.update((byte) 1);
        bc.update((byte) 1);
        assertArrayEquals(hash(bc, new byte[0], 1), hash(jdk, new byte[0], 1));
        assertArrayEquals(hash(bcSnapshot, new byte[] {2}, 1), hash(snapshot, new byte[] {2}, 1));
        // reset to a state, then go on: the state itself is not changed
        JdkDigest state = JdkDigest.create(algorithm);
        state.update(first, 0, first.length);
        jdk.reset(state);
        jdk.reset(state);
        assertArrayEquals(hash(JdkDigest.create(algorithm), first, 5), hash(jdk, new byte[0], 1));
        assertArrayEquals(hash(JdkDigest.create(algorithm), first, 5), hash(state, new byte[0], 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {CryptoHashAlgorithm.sha256, CryptoHashAlgorithm.sha384})
    void hmacMatchesBouncyCastleOverManyMessages(int algorithm) {
        Random random = new Random(7);
        for (int keyLength : new int[] {0, 32, 48, 200}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            HMac jdk = new HMac(JdkDigest.create(algorithm));
            HMac bc = new HMac(bc(algorithm));
            jdk.init(new KeyParameter(key));
            bc.init(new KeyParameter(key));
            for (int i = 0; i < 5; i++) {
                byte[] message = new byte[random.nextInt(300)];
                random.nextBytes(message);
                jdk.update(message, 0, message.length);
                bc.update(message, 0, message.length);
                byte[] a = new byte[jdk.getMacSize()];
                byte[] b = new byte[bc.getMacSize()];
                jdk.doFinal(a, 0);
                bc.doFinal(b, 0);
                assertArrayEquals(b, a, "key " + keyLength + " message " + i);
            }
        }
    }

    @Test
    void otherAlgorithmsAreLeftToBouncyCastle() {
        assertNull(JdkDigest.create(CryptoHashAlgorithm.sha1));
        assertNull(JdkDigest.create(CryptoHashAlgorithm.sha512));
        ComposedTlsCrypto crypto = new ComposedTlsCrypto(new SecureRandom());
        assertInstanceOf(JdkDigest.class, crypto.createDigest(CryptoHashAlgorithm.sha256));
        assertInstanceOf(JdkDigest.class, crypto.createDigest(CryptoHashAlgorithm.sha384));
        assertInstanceOf(org.bouncycastle.crypto.digests.SHA512Digest.class,
                crypto.createDigest(CryptoHashAlgorithm.sha512));
        Digest d = crypto.createDigest(CryptoHashAlgorithm.sha256);
        d.update((byte) 'a');
        Digest c = crypto.cloneDigest(CryptoHashAlgorithm.sha256, d);
        assertArrayEquals(hash(d, new byte[0], 1), hash(c, new byte[0], 1));
    }
}
