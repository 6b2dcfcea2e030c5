package org.streamtls.tls.internal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.TlsSession;

/**
 * TLS 1.2 sessions kept for resumption, each with what was decided about the peer when it was made
 * (a resumed handshake carries no certificates). Bounded in size (least recently used goes first)
 * and in age (the configured lifetime). A client keys entries by host, port and name; a server by
 * session ID.
 *
 * <p>Thread-safe: one cache serves every connection of a configuration.
 */
public final class SessionCache {

    /** One resumable session and the verdicts of its original handshake. */
    record Entry(TlsSession session, List<X509Certificate> peerChain, boolean peerTrusted,
                 boolean peerNameMatches, String serverName, long expiresAtNanos) {
    }

    private final int capacity;
    private final long lifetimeNanos;
    private final Map<String, Entry> entries;

    public SessionCache(int capacity, Duration lifetime) {
        this.capacity = capacity;
        this.lifetimeNanos = lifetime.toNanos();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > SessionCache.this.capacity;
            }
        };
    }

    boolean enabled() {
        return capacity > 0 && lifetimeNanos > 0;
    }

    synchronized Entry get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresAtNanos() >= 0 || !e.session().isResumable()) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    synchronized void put(String key, TlsSession session, List<X509Certificate> peerChain, boolean trusted,
                          boolean nameMatches, String serverName) {
        if (!enabled()) {
            return;
        }
        entries.put(key, new Entry(session, List.copyOf(peerChain), trusted, nameMatches, serverName,
                System.nanoTime() + lifetimeNanos));
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }
}
