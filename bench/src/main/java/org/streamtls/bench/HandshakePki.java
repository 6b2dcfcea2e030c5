package org.streamtls.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.certstore.TrustVerifier;

/**
 * The certificates of the handshake benchmarks, made once per JVM and key type with certstore's
 * {@link CertificateBuilder}: a root CA with a key of that type, and a server certificate for
 * {@link #SERVER_NAME} (serverAuth, subject alternative name) signed by it. The server presents its
 * certificate alone (the root is the client's trust anchor), so the client verifies one signature
 * made with the CA's key, as with a real one-level PKI. Thread-safe.
 */
final class HandshakePki {

    /** The name the client expects (and sends as SNI). */
    static final String SERVER_NAME = "server.bench.streamtls.example";

    private static final Map<KeyType, HandshakePki> MADE = new EnumMap<>(KeyType.class);

    final KeyType keyType;
    final Identity root;
    final Identity server;

    /** A root and a server certificate it issued, or, for tests, any root and any server. */
    HandshakePki(KeyType keyType, Identity root, Identity server) {
        this.keyType = keyType;
        this.root = root;
        this.server = server;
    }

    /**
     * The PKI of this key type, made on first use.
     *
     * @throws IllegalArgumentException for a key type the benchmarks do not sign with (Ed25519)
     */
    static synchronized HandshakePki of(KeyType keyType) {
        return MADE.computeIfAbsent(keyType, HandshakePki::generate);
    }

    /**
     * A new root and server certificate (not cached).
     *
     * @throws IllegalArgumentException for a key type the benchmarks do not sign with (Ed25519)
     */
    static HandshakePki generate(KeyType keyType) {
        if (!keyType.algorithm().equals("EC") && !keyType.algorithm().equals("RSA")) {
            throw new IllegalArgumentException("handshake benchmarks take EC_P256, RSA_2048 or RSA_3072 keys, not "
                    + keyType);
        }
        Identity root = CertificateBuilder.create().commonName("StreamTLS bench root " + keyType)
                .keyType(keyType).certificateAuthority(0).build();
        Identity server = CertificateBuilder.create().commonName(SERVER_NAME).addDnsName(SERVER_NAME)
                .keyType(keyType).serverAuth().signedBy(root).build();
        return new HandshakePki(keyType, root, server);
    }

    /** A verifier trusting exactly this root, as StreamTLS's client uses it (RFC 5280 path validation). */
    TrustVerifier trustVerifier() {
        return PkixTrustVerifier.builder().trustAnchors(TrustAnchors.of(List.of(root.leaf()))).build();
    }
}
