package org.streamtls.tls.internal.crypto;

import java.util.Objects;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.streamtls.tls.CryptoBackend;

/**
 * A backend that hands every connection the same thread-safe {@link TlsCrypto}: BouncyCastle's
 * crypto objects hold no per-connection state (its JSSE provider shares one per context), and a
 * shared {@code JcaTlsCrypto} keeps its cache of which algorithms the provider supports.
 *
 * <p>Immutable and thread-safe.
 */
final class SharedCryptoBackend implements CryptoBackend {

    private final String name;
    private final TlsCrypto crypto;

    SharedCryptoBackend(String name, TlsCrypto crypto) {
        this.name = Objects.requireNonNull(name, "name");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TlsCrypto newTlsCrypto() {
        return crypto;
    }

    @Override
    public String toString() {
        return "CryptoBackend[" + name + "]";
    }
}
