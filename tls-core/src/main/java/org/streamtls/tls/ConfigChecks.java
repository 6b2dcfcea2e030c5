package org.streamtls.tls;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Validation shared by the two configuration builders; messages name the offending value. */
final class ConfigChecks {

    static final int MAX_RECORD_SIZE = 1 << 14;
    static final int MIN_RECORD_SIZE = 256;
    static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofSeconds(600);
    static final int DEFAULT_SESSION_CACHE_SIZE = 1000;

    private ConfigChecks() {
    }

    static Set<TlsVersion> versions(Set<TlsVersion> versions) {
        Objects.requireNonNull(versions, "versions");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS version must be enabled");
        }
        return Set.copyOf(EnumSet.copyOf(versions));
    }

    static <T> List<T> nonEmptyDistinct(String what, List<T> items) {
        Objects.requireNonNull(items, what);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("at least one " + what + " must be enabled");
        }
        for (T t : items) {
            Objects.requireNonNull(t, what + " contains null");
        }
        return List.copyOf(new LinkedHashSet<>(items));
    }

    static List<String> applicationProtocols(List<String> protocols) {
        Objects.requireNonNull(protocols, "applicationProtocols");
        for (String p : protocols) {
            Objects.requireNonNull(p, "applicationProtocols contains null");
            int n = p.getBytes(StandardCharsets.UTF_8).length;
            if (n == 0 || n > 255) {
                throw new IllegalArgumentException("ALPN protocol \"" + p + "\" must be 1 to 255 bytes, is " + n);
            }
        }
        return List.copyOf(new LinkedHashSet<>(protocols));
    }

    static int maxRecordSize(int size) {
        if (size < MIN_RECORD_SIZE || size > MAX_RECORD_SIZE) {
            throw new IllegalArgumentException("max record size must be between " + MIN_RECORD_SIZE
                    + " and " + MAX_RECORD_SIZE + " (2^14) bytes, was " + size);
        }
        return size;
    }

    static Duration sessionLifetime(Duration lifetime) {
        Objects.requireNonNull(lifetime, "sessionCacheLifetime");
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("session cache lifetime must not be negative, was " + lifetime);
        }
        return lifetime;
    }

    static int sessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("session cache size must not be negative, was " + size);
        }
        return size;
    }

    /** Every enabled version needs at least one enabled cipher suite of that version. */
    static void suitesCoverVersions(Set<TlsVersion> versions, List<TlsCipherSuite> suites) {
        for (TlsVersion v : versions) {
            if (suites.stream().noneMatch(s -> s.version() == v)) {
                throw new IllegalArgumentException(v.displayName() + " is enabled but none of its cipher suites is: "
                        + suites);
            }
        }
    }
}
