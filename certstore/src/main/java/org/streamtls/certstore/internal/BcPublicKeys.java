package org.streamtls.certstore.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BouncyCastle's own copies of the public keys that certificate signatures are checked with (the
 * issuing CAs' keys), made once per key and remembered.
 *
 * <p>Why: BouncyCastle's ECDSA verifies with a point of its own. Handed a JDK key, it converts the
 * key's point into a new one on every verification (and validates it again), and the window table
 * it precomputes for that point ({@code WNafUtil}, stored on the point) is thrown away with it.
 * Handed its own {@code BCECPublicKey}, it uses that key's point, so the table is computed once per
 * CA key. The copy is made from the key's encoding ({@code SubjectPublicKeyInfo}): it is the same
 * key, and a signature verifies with it exactly when it verifies with the original.
 *
 * <p>The last {@value #REMEMBERED} keys are remembered, by the key's {@code equals} (JDK and
 * BouncyCastle keys compare their encodings); a key BouncyCastle cannot read is used as it is.
 * Thread-safe.
 */
final class BcPublicKeys {

    /** How many keys are remembered: CA keys, a few per trust store in practice. */
    static final int REMEMBERED = 64;

    private static final Map<PublicKey, PublicKey> COPIES = LruMaps.synchronizedLru(REMEMBERED);

    private BcPublicKeys() {
    }

    /** BouncyCastle's copy of {@code key}; the key itself if it is BouncyCastle's or unreadable. */
    static PublicKey of(PublicKey key) {
        if (key == null || key.getClass().getName().startsWith("org.bouncycastle.")) {
            return key;
        }
        PublicKey copy = COPIES.get(key);
        if (copy == null) {
            copy = copy(key);
            COPIES.put(key, copy);
        }
        return copy;
    }

    private static PublicKey copy(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"X.509".equals(key.getFormat())) {
            return key;
        }
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), BcProvider.get())
                    .generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | RuntimeException e) {
            return key; // BouncyCastle cannot read it: its verifier gets the key as given
        }
    }
}
