package org.streamtls.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streamtls.tls.CryptoBackend;

/**
 * Every shipped backend, as client and server, in TLS 1.2 and 1.3 with each AEAD suite: the
 * handshake negotiates what was asked and application data arrives byte for byte, in records of
 * the size the suite implies.
 */
class CryptoBackendRoundTripTest {

    private static final CryptoBackend JCA_BC = CryptoBackend.jca(new BouncyCastleProvider());

    static Stream<CryptoBackend> backends() {
        return Stream.of(CryptoBackend.defaultBackend(), CryptoBackend.pureBouncyCastle(), JCA_BC);
    }

    /** Backend x {TLS 1.2, 1.3} x {AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305}, ECDSA P-256. */
    static Stream<Arguments> backendVersionSuite() {
        List<Arguments> cases = new ArrayList<>();
        backends().forEach(backend -> {
            for (int suite : new int[] {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                    CipherSuite.TLS_CHACHA20_POLY1305_SHA256}) {
                cases.add(Arguments.of(backend, ProtocolVersion.TLSv13, suite));
            }
            for (int suite : new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}) {
                cases.add(Arguments.of(backend, ProtocolVersion.TLSv12, suite));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} suite {2}")
    @MethodSource("backendVersionSuite")
    void recordsRoundTrip(CryptoBackend backend, ProtocolVersion version, int suite) throws IOException {
        InMemoryTlsPair pair = InMemoryTlsPair.connect(backend.newTlsCrypto(), backend.newTlsCrypto(), version,
                suite, TestIdentity.of(TestIdentity.KeyType.EC_P256), null);

        assertNegotiated(pair, version, suite);
        assertBytesEqualBothWays(pair);
        // One full record: 5-byte header, then 2^14 bytes of data plus what the AEAD adds.
        pair.clientToServer(new byte[16384]);
        assertEquals(5 + 16384 + expectedOverhead(version, suite), pair.clientWire.size(),
                "bytes on the wire for one 16384-byte record");
        byte[] record = pair.clientWire.toByteArray();
        assertEquals(23, record[0], "application_data record type");
    }

    static Stream<Arguments> rsaCases() {
        List<Arguments> cases = new ArrayList<>();
        backends().forEach(backend -> {
            cases.add(Arguments.of(backend, ProtocolVersion.TLSv13, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                    NamedGroup.X25519MLKEM768));
            cases.add(Arguments.of(backend, ProtocolVersion.TLSv13, CipherSuite.TLS_AES_128_GCM_SHA256,
                    NamedGroup.x25519));
            cases.add(Arguments.of(backend, ProtocolVersion.TLSv12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                    NamedGroup.secp256r1));
        });
        return cases.stream();
    }

    /**
     * RSA certificates (RSA-PSS signatures), ChaCha20-Poly1305 and the X25519MLKEM768 hybrid group:
     * the combination that JDK-only JcaTlsCrypto cannot do.
     */
    @ParameterizedTest(name = "{0} {1} RSA suite {2} group {3}")
    @MethodSource("rsaCases")
    void rsaPssAndHybridGroup(CryptoBackend backend, ProtocolVersion version, int suite, int group)
            throws IOException {
        TestIdentity rsa = TestIdentity.of(TestIdentity.KeyType.RSA_2048);
        InMemoryTlsPair pair = InMemoryTlsPair.connect(backend.newTlsCrypto(), backend.newTlsCrypto(), version,
                suite, rsa, new int[] {group});

        assertNegotiated(pair, version, suite);
        SecurityParameters client = pair.clientPeer.context().getSecurityParametersConnection();
        if (ProtocolVersion.TLSv13.equals(version)) {
            // BouncyCastle 1.84 records the negotiated group for TLS 1.3 only.
            assertEquals(NamedGroup.getName(group), NamedGroup.getName(client.getNegotiatedGroup()));
        }
        assertArrayEquals(rsa.certificateDer, pair.clientPeer.serverCertificate.getCertificateAt(0).getEncoded(),
                "the server certificate the client saw");
        assertBytesEqualBothWays(pair);
    }

    static void assertNegotiated(InMemoryTlsPair pair, ProtocolVersion version, int suite) {
        SecurityParameters client = pair.clientPeer.context().getSecurityParametersConnection();
        SecurityParameters server = pair.serverPeer.context().getSecurityParametersConnection();
        assertEquals(version, client.getNegotiatedVersion());
        assertEquals(version, server.getNegotiatedVersion());
        assertEquals(Integer.toHexString(suite), Integer.toHexString(client.getCipherSuite()));
        assertEquals(Integer.toHexString(suite), Integer.toHexString(server.getCipherSuite()));
    }

    static void assertBytesEqualBothWays(InMemoryTlsPair pair) throws IOException {
        Random random = new Random(42);
        for (int size : new int[] {1, 16383, 16384, 16385, 100_000}) {
            byte[] message = new byte[size];
            random.nextBytes(message);
            assertArrayEquals(message, pair.clientToServer(message), "client to server, " + size + " bytes");
            assertArrayEquals(message, pair.serverToClient(message), "server to client, " + size + " bytes");
        }
    }

    /** What the record protection adds to a record: tag, TLS 1.3 content type, TLS 1.2 GCM explicit nonce. */
    static int expectedOverhead(ProtocolVersion version, int suite) {
        if (ProtocolVersion.TLSv13.equals(version)) {
            return 1 + 16;
        }
        boolean chacha = suite == CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                || suite == CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
        return chacha ? 16 : 8 + 16;
    }
}
