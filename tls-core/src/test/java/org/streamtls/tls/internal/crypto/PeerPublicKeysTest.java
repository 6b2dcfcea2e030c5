package org.streamtls.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

class PeerPublicKeysTest {

    private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());

    @Test
    void aCertificateSeenAgainGivesTheSameKeyObjectWithItsPrecomputation() throws Exception {
        PeerPublicKeys keys = new PeerPublicKeys(4);
        byte[] der = TestIdentity.of(TestIdentity.KeyType.EC_P256).certificateDer;
        ECPublicKeyParameters first = new KeyReusingCertificate(crypto, der, keys).getPubKeyEC();
        ECPublicKeyParameters again = new KeyReusingCertificate(crypto, der.clone(), keys).getPubKeyEC();
        assertSame(first, again, "same certificate bytes: the remembered key object");
        assertEquals(1, keys.size());
    }

    @Test
    void differentCertificatesNeverShareAKeyAndTheLeastRecentlyUsedGoesFirst() throws Exception {
        PeerPublicKeys keys = new PeerPublicKeys(2);
        byte[] ec = TestIdentity.of(TestIdentity.KeyType.EC_P256).certificateDer;
        byte[] rsa = TestIdentity.of(TestIdentity.KeyType.RSA_2048).certificateDer;
        AsymmetricKeyParameter ecKey = keys.get(ec, () -> new KeyReusingCertificate(crypto, ec, new PeerPublicKeys(1))
                .getPubKeyEC());
        AsymmetricKeyParameter rsaKey = new KeyReusingCertificate(crypto, rsa, keys).getPubKeyRSA();
        assertNotSame(ecKey, rsaKey);
        assertEquals(2, keys.size());

        keys.get(ec, () -> {
            throw new AssertionError("remembered: not read again");
        });
        byte[] third = ec.clone();
        third[third.length - 1] ^= 1; // another certificate (a different signature byte)
        AsymmetricKeyParameter thirdKey = keys.get(third, () -> ecKeyCopy(ec));
        assertNotSame(ecKey, thirdKey, "a different encoding is another entry, even for an equal key");
        assertEquals(2, keys.size(), "bounded");
        keys.get(ec, () -> {
            throw new AssertionError("used more recently than the RSA certificate: kept");
        });
        int[] reads = {0};
        keys.get(rsa, () -> {
            reads[0]++;
            return rsaKey;
        });
        assertEquals(1, reads[0], "the least recently used entry (RSA) was dropped");
    }

    @Test
    void aCertificateIsEncodedAsTheBytesItWasMadeFromNotReEncoded() throws Exception {
        byte[] der = TestIdentity.of(TestIdentity.KeyType.EC_P256).certificateDer;
        // The same certificate with its outer SEQUENCE length in a longer form than DER allows
        // (81 82 -> 82 00 82 ...): BouncyCastle parses it, and its own getEncoded() would re-encode.
        byte[] ber = longFormOuterLength(der);
        for (byte[] made : new byte[][] {der, ber}) {
            KeyReusingCertificate certificate = new KeyReusingCertificate(crypto, made, new PeerPublicKeys(1));
            byte[] encoded = certificate.getEncoded();
            assertArrayEquals(made, encoded);
            encoded[0] ^= 1;
            assertArrayEquals(made, certificate.getEncoded(), "each call hands out its own copy");
        }
        assertEquals(der.length + 1, ber.length);
    }

    /** der with its outer length re-written with one more length byte (a valid BER, not DER, form). */
    private static byte[] longFormOuterLength(byte[] der) {
        int lengthBytes = der[1] & 0x7F;
        assertEquals(0x80, der[1] & 0x80, "a certificate's outer length is in long form");
        byte[] ber = new byte[der.length + 1];
        ber[0] = der[0];
        ber[1] = (byte) (0x80 | (lengthBytes + 1));
        ber[2] = 0;
        System.arraycopy(der, 2, ber, 3, der.length - 2);
        return ber;
    }

    private AsymmetricKeyParameter ecKeyCopy(byte[] der) throws java.io.IOException {
        return new KeyReusingCertificate(crypto, der, new PeerPublicKeys(1)).getPubKeyEC();
    }
}
