package org.streamtls.certstore.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded maps that forget the least recently used entry first. */
final class LruMaps {

    private LruMaps() {
    }

    /** A thread-safe map of at most {@code capacity} entries; a get counts as a use. */
    static <K, V> Map<K, V> synchronizedLru(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<K, V>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
