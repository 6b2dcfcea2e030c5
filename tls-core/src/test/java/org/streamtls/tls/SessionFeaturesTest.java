package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.AlertDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.ReceiveTimeoutException;

/**
 * What a connection negotiates and offers after the handshake, our client with our server: the
 * hybrid post-quantum group, ALPN, TLS 1.2 resumption, SNI and IP literals, the record-size limit,
 * KeyUpdate both ways, retryable receive timeouts, truncation, and full-duplex use from two threads.
 */
class SessionFeaturesTest {

    @Test
    void hybridPostQuantumGroupIsPreferredByDefault() throws Exception {
        AtomicReference<TlsSessionInfo> seen = new AtomicReference<>();
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            seen.set(tls.session());
            new EchoSession().serve(tls);
        })) {
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), Pki.clientConfig().build())) {
                assertEquals(TlsVersion.TLS_1_3, tls.session().version());
                assertEquals(Optional.of(TlsNamedGroup.X25519MLKEM768), tls.session().namedGroup(),
                        tls.session().summary());
                assertEquals(TlsCipherSuite.TLS_AES_128_GCM_SHA256, tls.session().cipherSuite(),
                        "AES-GCM first by default");
                assertEquals("TLSv1.3 TLS_AES_128_GCM_SHA256 X25519MLKEM768 sni=localhost peer=\"CN=localhost\""
                        + " trusted name-matches", tls.session().summary());
            }
            server.assertServedOk();
            assertEquals(Optional.of(TlsNamedGroup.X25519MLKEM768), seen.get().namedGroup());
        }
    }

    @Test
    void classicalGroupWhenTheHybridIsNotOffered() throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), new EchoSession())) {
            TlsClientConfig config = Pki.clientConfig()
                    .namedGroups(List.of(TlsNamedGroup.SECP384R1, TlsNamedGroup.SECP256R1)).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                // The client's key share is for P-384, but the server prefers P-256 and asks for it (HelloRetryRequest).
                assertEquals(Optional.of(TlsNamedGroup.SECP256R1), tls.session().namedGroup(),
                        "the server's preference among what the client offered");
            }
        }
    }

    @Test
    void alpnSelectsTheServersPreference() throws Exception {
        AtomicReference<TlsSessionInfo> seen = new AtomicReference<>();
        TlsServerConfig serverConfig = Pki.serverConfig(Pki.SERVER_EC)
                .applicationProtocols(List.of("http/1.1", "h2")).build();
        try (TestServer server = TestServer.start(serverConfig, tls -> {
            seen.set(tls.session());
            new EchoSession().serve(tls);
        })) {
            TlsClientConfig config = Pki.clientConfig().applicationProtocols(List.of("h2", "http/1.1")).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                assertEquals(Optional.of("http/1.1"), tls.session().applicationProtocol());
            }
            server.assertServedOk();
            assertEquals(Optional.of("http/1.1"), seen.get().applicationProtocol());
        }
    }

    @Test
    void noCommonAlpnProtocol() throws Exception {
        TlsServerConfig serverConfig = Pki.serverConfig(Pki.SERVER_EC).applicationProtocols(List.of("h2")).build();
        try (TestServer server = TestServer.start(serverConfig, new EchoSession())) {
            TlsClientConfig config = Pki.clientConfig().applicationProtocols(List.of("smtp")).build();
            NoCommonParametersException e = assertThrows(NoCommonParametersException.class,
                    () -> TlsClient.connect("localhost", server.port(), config));
            assertEquals(NoCommonParametersException.Parameter.APPLICATION_PROTOCOL, e.parameter());
            assertEquals(new TlsAlert(AlertDescription.no_application_protocol, true), e.alert().orElseThrow());
            Throwable atServer = server.awaitResult();
            assertInstanceOf(NoCommonParametersException.class, atServer);
            assertTrue(atServer.getMessage().contains("smtp"), atServer.getMessage());
        }
    }

    @Test
    void tls12SessionResumptionBetweenOurOwn() throws Exception {
        List<TlsSessionInfo> seen = new CopyOnWriteArrayList<>();
        TlsServerConfig serverConfig = Pki.serverConfig(Pki.SERVER_RSA).clientAuth(ClientAuth.NEED)
                .clientTrustVerifier(Pki.trust()).build();
        try (TestServer server = TestServer.start(serverConfig, tls -> {
            seen.add(tls.session());
            new EchoSession().serve(tls);
        })) {
            TlsClientConfig config = Pki.clientConfig().versions(Set.of(TlsVersion.TLS_1_2))
                    .clientCertificateSelector(r -> Optional.of(Pki.CLIENT)).build();
            for (int i = 0; i < 2; i++) {
                try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                    assertEquals(i == 1, tls.session().resumed(), tls.session().summary());
                    assertEquals(Pki.SERVER_RSA.leaf(), tls.session().peerChain().get(0));
                    Lines.send(tls, "connection " + i);
                    assertEquals("echo:connection " + i, Lines.read(tls));
                }
                server.assertServedOk();
            }
            assertFalse(seen.get(0).resumed());
            assertTrue(seen.get(1).resumed());
            assertEquals(Pki.CLIENT.leaf(), seen.get(1).peerChain().get(0), "the client of the original handshake");
            assertTrue(seen.get(1).peerTrusted());
        }
    }

    @Test
    void sessionsExpireAfterTheirLifetime() throws Exception {
        TlsServerConfig serverConfig = Pki.serverConfig(Pki.SERVER_EC).build();
        try (TestServer server = TestServer.start(serverConfig, new EchoSession())) {
            TlsClientConfig config = Pki.clientConfig().versions(Set.of(TlsVersion.TLS_1_2))
                    .sessionCacheLifetime(Duration.ofMillis(300)).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                assertFalse(tls.session().resumed());
            }
            Thread.sleep(500);
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                assertFalse(tls.session().resumed(), "the client's cached session outlived its 300 ms");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void noCommonGroup(TlsVersion version) throws Exception {
        TlsServerConfig serverConfig = Pki.serverConfig(Pki.SERVER_EC)
                .namedGroups(List.of(TlsNamedGroup.SECP384R1)).build();
        try (TestServer server = TestServer.start(serverConfig, new EchoSession())) {
            TlsClientConfig config = Pki.clientConfig().versions(Set.of(version))
                    .namedGroups(List.of(TlsNamedGroup.X25519)).build();
            TlsException e = assertThrows(TlsException.class,
                    () -> TlsClient.connect("localhost", server.port(), config));
            assertTrue(e.alert().orElseThrow().fromPeer(), e.getMessage());
            Throwable atServer = server.awaitResult();
            assertInstanceOf(NoCommonParametersException.class, atServer, String.valueOf(atServer));
            NoCommonParametersException n = (NoCommonParametersException) atServer;
            assertEquals(NoCommonParametersException.Parameter.NAMED_GROUP, n.parameter(), n.getMessage());
            assertTrue(n.getMessage().contains("X25519") && n.getMessage().contains("SECP384R1"), n.getMessage());
        }
    }

    @Test
    void ipLiteralIsCheckedButNeverSentAsSni() throws Exception {
        AtomicReference<TlsSessionInfo> seen = new AtomicReference<>();
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            seen.set(tls.session());
            new EchoSession().serve(tls);
        })) {
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", server.port(), Pki.clientConfig().build())) {
                assertEquals(Optional.empty(), tls.session().serverName());
                assertTrue(tls.session().peerNameMatches(), "the certificate lists IP 127.0.0.1");
            }
            server.assertServedOk();
            assertEquals(Optional.empty(), seen.get().serverName());
        }
    }

    @Test
    void recordsNeverExceedTheConfiguredMaximum() throws Exception {
        List<Integer> chunks = new CopyOnWriteArrayList<>();
        byte[] message = Messages.random(10_000, 5);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            byte[] buf = new byte[65536];
            int n;
            while ((n = tls.receive(buf, 0, buf.length)) >= 0) {
                chunks.add(n);
                received.write(buf, 0, n);
            }
        })) {
            TlsClientConfig config = Pki.clientConfig().maxRecordSize(1000).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                tls.send(message, 0, message.length);
            }
            server.assertServedOk();
            assertArrayEquals(message, received.toByteArray());
            assertTrue(chunks.stream().allMatch(c -> c <= 1000), chunks.toString());
            assertTrue(chunks.size() >= 10, chunks.toString());
        }
    }

    @Test
    void keyUpdatesBothWays() throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            assertEquals("one", Lines.read(tls));
            tls.keyUpdate(true);
            Lines.send(tls, "after server update");
            new EchoSession().serve(tls);
        })) {
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), Pki.clientConfig().build())) {
                Lines.send(tls, "one");
                assertEquals("after server update", Lines.read(tls));
                tls.keyUpdate(true);
                Lines.send(tls, "two");
                assertEquals("echo:two", Lines.read(tls));
                tls.keyUpdate(false);
                Lines.send(tls, "three");
                assertEquals("echo:three", Lines.read(tls));
            }
            server.assertServedOk();
        }
    }

    @Test
    void keyUpdateNeedsTls13() throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), new EchoSession())) {
            TlsClientConfig config = Pki.clientConfig().versions(Set.of(TlsVersion.TLS_1_2)).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> tls.keyUpdate(false));
                assertTrue(e.getMessage().contains("TLSv1.2"), e.getMessage());
            }
        }
    }

    @Test
    void receiveTimeoutIsRetryable() throws Exception {
        CompletableFuture<Void> goAhead = new CompletableFuture<>();
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            goAhead.get(10, TimeUnit.SECONDS);
            Lines.send(tls, "late but whole");
            new EchoSession().serve(tls);
        })) {
            TlsClientConfig config = Pki.clientConfig()
                    .connectionOptions(ConnectionOptions.builder().receiveTimeout(Duration.ofMillis(300)).build()).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                assertThrows(ReceiveTimeoutException.class, () -> tls.receive(new byte[10], 0, 10));
                assertTrue(tls.isOpen());
                goAhead.complete(null);
                tls.setReceiveTimeout(Duration.ofSeconds(10));
                assertEquals("late but whole", Lines.read(tls));
            }
            server.assertServedOk();
        }
    }

    @Test
    void tcpEndWithoutCloseNotifyIsTruncation() throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            Lines.send(tls, "hello");
            tls.receive(new byte[1], 0, 1);
        })) {
            TrickleProxy proxy = new TrickleProxy(server.port());
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", proxy.port(),
                    Pki.clientConfig().serverName("localhost").build())) {
                assertEquals("hello", Lines.read(tls));
                proxy.close();
                TruncationException e = assertThrows(TruncationException.class, () -> tls.receive(new byte[1], 0, 1));
                assertTrue(e.getMessage().contains("close_notify"), e.getMessage());
                assertFalse(tls.isOpen());
            }
        }
    }

    @Test
    void fullDuplexFromTwoThreads() throws Exception {
        int total = 4 << 20;
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            byte[] buf = new byte[32768];
            int n;
            while ((n = tls.receive(buf, 0, buf.length)) >= 0) {
                tls.send(buf, 0, n);
            }
        })) {
            byte[] data = Messages.random(total, 9);
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), Pki.clientConfig().build())) {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        for (int off = 0; off < total; off += 50_000) {
                            tls.send(data, off, Math.min(50_000, total - off));
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                byte[] back = new byte[total];
                tls.receiveExactly(back, 0, total);
                writer.get(20, TimeUnit.SECONDS);
                assertArrayEquals(data, back);
            }
            server.assertServedOk();
        }
    }
}
