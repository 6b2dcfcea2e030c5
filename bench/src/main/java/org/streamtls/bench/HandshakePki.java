package org.streamtls.bench;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.certstore.TrustVerifier;

/**
 * The certificates of the handshake benchmarks, made with certstore's {@link CertificateBuilder}: a
 * root CA with a key of the benchmarked type, and a pool of distinct server certificates for
 * {@link #SERVER_NAME} (serverAuth, subject alternative name), all for one server key, all signed by
 * the root. The server presents one certificate alone (the root is the client's trust anchor), so a
 * client verifies one signature made with the CA's key, as with a one-level PKI.
 *
 * <p><b>Why a pool.</b> The JDK's {@code CertificateFactory} keeps the last 750 certificates it
 * parsed, by their encoding, and a certificate remembers the key it was verified with: a client
 * that sees the same certificate again neither parses it nor checks its signature again (JSSE and
 * certstore's PKIX alike). Servers rotate through more certificates than that, so every full
 * handshake pays for parsing and verifying the server's chain, as a client meeting a server for the
 * first time does. Made once per JVM, key type and pool size. Thread-safe.
 */
final class HandshakePki {

    /** The name the client expects (and sends as SNI). */
    static final String SERVER_NAME = "server.bench.streamtls.example";

    /** More certificates than the JDK's certificate cache keeps (750). */
    static final int DEFAULT_POOL = 1024;

    private static final Map<String, HandshakePki> MADE = new HashMap<>();

    final KeyType keyType;
    final Identity root;
    /** Distinct certificates for the same server key, leaf first in each chain. */
    final List<Identity> servers;

    /** A root and server certificates (any: tests give certificates the root did not issue). */
    HandshakePki(KeyType keyType, Identity root, List<Identity> servers) {
        this.keyType = keyType;
        this.root = root;
        this.servers = List.copyOf(servers);
    }

    /**
     * The PKI of this key type and pool size, made on first use.
     *
     * @throws IllegalArgumentException for a key type the benchmarks do not sign with (Ed25519), or
     *         a pool size below 1
     */
    static HandshakePki of(KeyType keyType, int poolSize) {
        synchronized (MADE) {
            return MADE.computeIfAbsent(keyType + "/" + poolSize, k -> generate(keyType, poolSize));
        }
    }

    /**
     * A new root and {@code poolSize} server certificates (not cached).
     *
     * @throws IllegalArgumentException for a key type the benchmarks do not sign with (Ed25519), or
     *         a pool size below 1
     */
    static HandshakePki generate(KeyType keyType, int poolSize) {
        if (!keyType.algorithm().equals("EC") && !keyType.algorithm().equals("RSA")) {
            throw new IllegalArgumentException("handshake benchmarks take EC_P256, RSA_2048 or RSA_3072 keys, not "
                    + keyType);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the server needs at least one certificate, not " + poolSize);
        }
        Identity root = CertificateBuilder.create().commonName("StreamTLS bench root " + keyType)
                .keyType(keyType).certificateAuthority(0).build();
        KeyPair serverKey = keyType.generateKeyPair();
        List<Identity> servers = new ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            servers.add(CertificateBuilder.create().commonName(SERVER_NAME).addDnsName(SERVER_NAME)
                    .keyPair(serverKey).serverAuth().signedBy(root).build());
        }
        return new HandshakePki(keyType, root, servers);
    }

    /** A verifier trusting exactly this root, as StreamTLS's client uses it (RFC 5280 path validation). */
    TrustVerifier trustVerifier() {
        return PkixTrustVerifier.builder().trustAnchors(TrustAnchors.of(List.of(root.leaf()))).build();
    }
}
