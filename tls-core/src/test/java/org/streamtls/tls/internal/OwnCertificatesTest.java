package org.streamtls.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.tls.CryptoBackend;

/**
 * Our chain's certificate message is parsed once per identity and crypto and shared, so idle
 * connections do not each hold a copy; a TLS 1.3 client answering a request context gets its own
 * message around the same parsed certificates.
 */
class OwnCertificatesTest {

    private static final Identity ROOT = CertificateBuilder.create().commonName("Own Root").certificateAuthority(0)
            .validFor(Duration.ofDays(1)).build();
    private static final Identity LEAF = CertificateBuilder.create().commonName("own leaf").addDnsName("own.test")
            .serverAuth().validFor(Duration.ofDays(1)).signedBy(ROOT).build();

    @Test
    void oneMessagePerIdentityCryptoAndVersion() throws Exception {
        TlsCrypto crypto = CryptoBackend.defaultBackend().newTlsCrypto();
        Certificate tls12 = OwnCertificates.message(crypto, LEAF, false, null);
        Certificate tls13 = OwnCertificates.message(crypto, LEAF, true, TlsUtils.EMPTY_BYTES);
        assertSame(tls12, OwnCertificates.message(crypto, LEAF, false, null));
        assertSame(tls13, OwnCertificates.message(crypto, LEAF, true, TlsUtils.EMPTY_BYTES));
        assertEquals(LEAF.chain().size(), tls12.getLength());
        for (int i = 0; i < LEAF.chain().size(); i++) {
            assertArrayEquals(LEAF.chain().get(i).getEncoded(), tls12.getCertificateAt(i).getEncoded());
            assertSame(tls12.getCertificateAt(i), tls13.getCertificateAt(i));
        }
        assertArrayEquals(TlsUtils.EMPTY_BYTES, tls13.getCertificateRequestContext());

        Identity other = CertificateBuilder.create().commonName("other leaf").serverAuth().signedBy(ROOT).build();
        assertNotSame(tls12, OwnCertificates.message(crypto, other, false, null));
    }

    @Test
    void aRequestContextGetsItsOwnMessageAndAnotherCryptoItsOwnParse() throws Exception {
        TlsCrypto crypto = CryptoBackend.defaultBackend().newTlsCrypto();
        Certificate shared = OwnCertificates.message(crypto, LEAF, true, TlsUtils.EMPTY_BYTES);
        byte[] context = {1, 2, 3};
        Certificate answer = OwnCertificates.message(crypto, LEAF, true, context);
        assertArrayEquals(context, answer.getCertificateRequestContext());
        assertSame(shared.getCertificateAt(0), answer.getCertificateAt(0));

        TlsCrypto bc = new BcTlsCrypto(new SecureRandom());
        Certificate other = OwnCertificates.message(bc, LEAF, true, TlsUtils.EMPTY_BYTES);
        assertNotSame(shared.getCertificateAt(0), other.getCertificateAt(0));
        assertArrayEquals(LEAF.leaf().getEncoded(), other.getCertificateAt(0).getEncoded());
    }
}
