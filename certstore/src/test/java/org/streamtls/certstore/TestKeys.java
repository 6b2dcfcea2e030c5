package org.streamtls.certstore;

import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;

/** Key pairs generated once per test JVM: RSA generation is slow, and the suite must stay fast. */
final class TestKeys {

    private static final Map<KeyType, KeyPair> CACHE = new EnumMap<>(KeyType.class);

    private TestKeys() {
    }

    static synchronized KeyPair get(KeyType type) {
        return CACHE.computeIfAbsent(type, KeyType::generateKeyPair);
    }
}
