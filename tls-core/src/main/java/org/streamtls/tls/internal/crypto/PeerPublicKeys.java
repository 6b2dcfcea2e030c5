package org.streamtls.tls.internal.crypto;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The public keys of the certificates peers present, as BouncyCastle key objects, kept for the
 * next handshake with the same certificate. Parsing a key and, above all, the precomputation
 * BouncyCastle attaches to an EC public key's point the first time it verifies with it cost more
 * than the verification itself (P-256 on JDK 17: 245 us to verify with a fresh key object, 99 us
 * with a reused one); a client reconnecting to the same server, or a server seeing the same client
 * certificate again, verifies with the reused object.
 *
 * <p>Keyed by the whole certificate's encoding (so a key is only ever reused for exactly the
 * certificate it was read from); holds public values only. Bounded: the least recently used entry
 * goes beyond {@link #CAPACITY} certificates. Thread-safe; the key objects are immutable and
 * BouncyCastle's precomputation on them is itself thread-safe.
 */
final class PeerPublicKeys {

    /** Certificates remembered: a few hundred servers or client certificates, some KB each with precomputation. */
    static final int CAPACITY = 256;

    /** Reads a certificate's public key: BouncyCastle's own parsing, called on a miss. */
    interface Reader {
        AsymmetricKeyParameter read() throws IOException;
    }

    private static final PeerPublicKeys SHARED = new PeerPublicKeys(CAPACITY);

    private final Map<Encoding, AsymmetricKeyParameter> keys;

    PeerPublicKeys(int capacity) {
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Encoding, AsymmetricKeyParameter> eldest) {
                return size() > capacity;
            }
        };
    }

    static PeerPublicKeys shared() {
        return SHARED;
    }

    /** The key of the certificate {@code encoding}: the remembered object, else {@code reader}'s, remembered. */
    AsymmetricKeyParameter get(byte[] encoding, Reader reader) throws IOException {
        Encoding key = new Encoding(encoding);
        synchronized (keys) {
            AsymmetricKeyParameter known = keys.get(key);
            if (known != null) {
                return known;
            }
        }
        AsymmetricKeyParameter read = reader.read();
        synchronized (keys) {
            AsymmetricKeyParameter raced = keys.putIfAbsent(key, read);
            return raced != null ? raced : read;
        }
    }

    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    /** A certificate's encoding as a map key: compared by content. */
    private static final class Encoding {
        private final byte[] bytes;
        private final int hash;

        Encoding(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Encoding other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
