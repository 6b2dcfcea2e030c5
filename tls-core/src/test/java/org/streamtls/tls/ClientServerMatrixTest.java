package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;

/**
 * Our client against our server over real loopback sockets, in every combination of version, key
 * type, crypto backend and client authentication: messages of 0, 1, 16383, 16384, 16385 bytes and
 * 1 MiB go to the server and come back byte for byte, then the client closes with close_notify and
 * the server sees a clean end of stream.
 */
class ClientServerMatrixTest {

    private static final Provider BC = new BouncyCastleProvider();

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            for (KeyType key : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
                for (String backend : List.of("default", "bc", "jca-bc")) {
                    for (ClientAuth auth : List.of(ClientAuth.NONE, ClientAuth.NEED)) {
                        all.add(Arguments.of(version, key, backend, auth));
                    }
                }
            }
        }
        return all.stream();
    }

    private static CryptoBackend backend(String name) {
        switch (name) {
            case "default":
                return CryptoBackend.defaultBackend();
            case "bc":
                return CryptoBackend.pureBouncyCastle();
            default:
                return CryptoBackend.jca(BC);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} clientAuth={3}")
    @MethodSource("combinations")
    void bytesRoundTripAndCloseCleanly(TlsVersion version, KeyType key, String backendName, ClientAuth auth)
            throws Exception {
        CryptoBackend backend = backend(backendName);
        Identity serverIdentity = Pki.server(key);
        TlsServerConfig.Builder serverConfig = Pki.serverConfig(serverIdentity).cryptoBackend(backend)
                .clientAuth(auth);
        if (auth != ClientAuth.NONE) {
            serverConfig.clientTrustVerifier(Pki.trust());
        }
        AtomicReference<TlsSessionInfo> serverSaw = new AtomicReference<>();
        try (TestServer server = TestServer.start(serverConfig.build(), tls -> {
            serverSaw.set(tls.session());
            for (int i = 0; i < Messages.SIZES.length; i++) {
                Messages.write(tls, Messages.read(tls));
            }
            assertEquals(-1, tls.receive(new byte[1], 0, 1), "server expects the client's close_notify");
        })) {
            TlsClientConfig clientConfig = Pki.clientConfig().cryptoBackend(backend).versions(Set.of(version))
                    .clientCertificateSelector(request -> Optional.of(Pki.CLIENT)).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), clientConfig)) {
                TlsSessionInfo info = tls.session();
                assertEquals(version, info.version());
                assertEquals(version, info.cipherSuite().version());
                assertEquals(Optional.of("localhost"), info.serverName());
                assertEquals(serverIdentity.leaf(), info.peerChain().get(0));
                assertTrue(info.peerTrusted() && info.peerNameMatches(), info.summary());
                assertTrue(info.namedGroup().isPresent(), info.summary());
                assertFalse(info.resumed());
                for (int i = 0; i < Messages.SIZES.length; i++) {
                    byte[] sent = Messages.random(Messages.SIZES[i], i);
                    Messages.write(tls, sent);
                    assertArrayEquals(sent, Messages.read(tls), "message of " + sent.length + " bytes");
                }
            }
            server.assertServedOk();
            TlsSessionInfo seen = serverSaw.get();
            assertEquals(version, seen.version());
            assertEquals(Optional.of("localhost"), seen.serverName());
            if (auth == ClientAuth.NEED) {
                assertEquals(Pki.CLIENT.leaf(), seen.peerChain().get(0));
                assertTrue(seen.peerTrusted(), seen.summary());
            } else {
                assertTrue(seen.peerChain().isEmpty(), seen.summary());
            }
        }
    }
}
