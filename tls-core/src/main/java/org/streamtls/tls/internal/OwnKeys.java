package org.streamtls.tls.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.streamtls.certstore.Identity;

/**
 * Our own private keys as BouncyCastle key objects, for the keys BouncyCastle signs with itself:
 * converted once per identity (the PKCS#8 encoding read back into a key object, each handshake
 * before) and shared by every handshake that signs with it.
 *
 * <p>Thread-safe: the key objects are immutable, and each signature makes its own signer.
 * Identities are held weakly, as in {@link OwnCertificates}: an identity its store dropped is
 * forgotten here too. The key objects hold the private key, as the identity's own key does; they are
 * never logged or handed out of this package.
 */
final class OwnKeys {

    private static final Map<Identity, AsymmetricKeyParameter> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private OwnKeys() {
    }

    /** The identity's private key as BouncyCastle's key object; the key must be exportable. */
    static AsymmetricKeyParameter of(Identity identity) throws IOException {
        AsymmetricKeyParameter key = CACHE.get(identity);
        if (key == null) {
            key = PrivateKeyFactory.createKey(identity.privateKey().getEncoded());
            CACHE.put(identity, key);
        }
        return key;
    }
}
