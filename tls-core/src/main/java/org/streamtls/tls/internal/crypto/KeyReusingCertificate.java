package org.streamtls.tls.internal.crypto;

import java.io.IOException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's X.509 certificate whose public key comes from {@link PeerPublicKeys}: the same
 * key object (with its precomputation) for every handshake that presents this certificate, and
 * one lookup per certificate object instead of a parse per use (BouncyCastle reads the key again
 * for each usage check and verifier). Its encoding is the bytes it was made from, as received or
 * as our own chain holds them: BouncyCastle's own {@code getEncoded} re-encodes the parsed
 * certificate every time it is asked (for each certificate message we send, and for each peer
 * chain turned into JDK certificates), and would change a certificate that was not in DER.
 */
final class KeyReusingCertificate extends BcTlsCertificate {

    private final byte[] encoding;
    private final PeerPublicKeys keys;
    /** The key once looked up: BouncyCastle asks for it several times per handshake. */
    private volatile AsymmetricKeyParameter key;

    KeyReusingCertificate(BcTlsCrypto crypto, byte[] encoding, PeerPublicKeys keys) throws IOException {
        super(crypto, encoding);
        this.encoding = encoding.clone();
        this.keys = keys;
    }

    @Override
    protected AsymmetricKeyParameter getPublicKey() throws IOException {
        AsymmetricKeyParameter k = key;
        if (k == null) {
            k = keys.get(encoding, super::getPublicKey);
            key = k;
        }
        return k;
    }

    @Override
    public byte[] getEncoded() {
        return encoding.clone();
    }
}
