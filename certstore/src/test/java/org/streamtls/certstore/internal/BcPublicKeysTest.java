package org.streamtls.certstore.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class BcPublicKeysTest {

    @Test
    void aJdkKeyBecomesOneBouncyCastleCopyOfTheSameKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        PublicKey jdk = g.generateKeyPair().getPublic();
        PublicKey copy = BcPublicKeys.of(jdk);
        assertTrue(copy.getClass().getName().startsWith("org.bouncycastle."), copy.getClass().getName());
        assertArrayEquals(jdk.getEncoded(), copy.getEncoded());
        // the same copy each time (its point carries BouncyCastle's precomputation), also for an equal key
        assertSame(copy, BcPublicKeys.of(jdk));
        PublicKey equal = java.security.KeyFactory.getInstance("EC")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(jdk.getEncoded()));
        assertSame(copy, BcPublicKeys.of(equal));
        assertSame(copy, BcPublicKeys.of(copy));
    }

    @Test
    void rsaKeysAreCopiedToo() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PublicKey jdk = g.generateKeyPair().getPublic();
        PublicKey copy = BcPublicKeys.of(jdk);
        assertArrayEquals(jdk.getEncoded(), copy.getEncoded());
    }
}
