package org.streamtls.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;

/** Our private key is read into BouncyCastle's form once per identity, and is the identity's key. */
class OwnKeysTest {

    @Test
    void oneKeyObjectPerIdentityHoldingThatIdentitysKey() throws Exception {
        Identity one = CertificateBuilder.create().commonName("own key one").serverAuth().validFor(Duration.ofDays(1))
                .build();
        Identity two = CertificateBuilder.create().commonName("own key two").serverAuth().validFor(Duration.ofDays(1))
                .build();
        ECPrivateKeyParameters first = (ECPrivateKeyParameters) OwnKeys.of(one);
        assertSame(first, OwnKeys.of(one));
        assertEquals(((ECPrivateKey) one.privateKey()).getS(), first.getD());

        ECPrivateKeyParameters other = (ECPrivateKeyParameters) OwnKeys.of(two);
        assertEquals(((ECPrivateKey) two.privateKey()).getS(), other.getD());
        assertNotEquals(first.getD(), other.getD());
    }
}
