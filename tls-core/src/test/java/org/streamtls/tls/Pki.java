package org.streamtls.tls;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.certstore.TrustVerifier;

/**
 * Certificates made inside the tests: one test root CA, server leaves for localhost/127.0.0.1 with
 * EC P-256 and RSA 2048 keys, a client leaf, and the odd ones the refusal tests need. RSA keys are
 * generated once per JVM (slow).
 */
final class Pki {

    static final Identity ROOT = CertificateBuilder.create().commonName("StreamTLS Test Root")
            .certificateAuthority(1).validFor(Duration.ofDays(2)).build();

    static final KeyPair RSA_KEYS = KeyType.RSA_2048.generateKeyPair();

    static final Identity SERVER_EC = serverLeaf("localhost").build();

    static final Identity SERVER_RSA = serverLeaf("localhost").keyPair(RSA_KEYS).build();

    static final Identity CLIENT = CertificateBuilder.create().commonName("test client")
            .clientAuth().validFor(Duration.ofDays(1)).signedBy(ROOT).build();

    private Pki() {
    }

    /** A server leaf for {@code name} and 127.0.0.1, signed by the test root, valid one day. */
    static CertificateBuilder serverLeaf(String name) {
        return CertificateBuilder.create().commonName(name).addDnsName(name).addIpAddress("127.0.0.1")
                .serverAuth().validFor(Duration.ofDays(1)).signedBy(ROOT);
    }

    /** A server leaf for localhost that expired yesterday. */
    static Identity expiredServer() {
        Instant now = Instant.now();
        return CertificateBuilder.create().commonName("localhost").addDnsName("localhost").addIpAddress("127.0.0.1")
                .serverAuth().validity(now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)))
                .signedBy(ROOT).build();
    }

    /** Trusts the test root only. */
    static TrustVerifier trust() {
        return PkixTrustVerifier.builder().trustAnchors(TrustAnchors.of(List.of(ROOT.leaf()))).build();
    }

    static Identity server(KeyType keyType) {
        return keyType == KeyType.RSA_2048 ? SERVER_RSA : SERVER_EC;
    }

    static TlsServerConfig.Builder serverConfig(Identity identity) {
        return TlsServerConfig.builder().certificateSelector(request -> Optional.of(identity))
                .timeouts(TlsTimeouts.builder().handshake(Duration.ofSeconds(10)).closeNotify(Duration.ofSeconds(2)).build());
    }

    static TlsClientConfig.Builder clientConfig() {
        return TlsClientConfig.builder().trustVerifier(trust())
                .timeouts(TlsTimeouts.builder().handshake(Duration.ofSeconds(10)).closeNotify(Duration.ofSeconds(2)).build());
    }
}
