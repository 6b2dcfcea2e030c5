package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.bouncycastle.tls.AlertDescription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.ReceiveTimeoutException;

/**
 * How a connection reads records after the handshake, with a proxy that stops the server's bytes
 * at any point: a record cut inside its header and inside its body by receive timeouts is resumed
 * with nothing lost; a bad record header after the handshake is refused with the right alert (and
 * the peer hears it); a TCP end inside a record is truncation. TLS 1.2 and 1.3.
 */
class RecordReadingTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private static TlsClientConfig clientConfig(TlsVersion version) {
        return Pki.clientConfig().serverName("localhost").versions(Set.of(version))
                .connectionOptions(ConnectionOptions.builder().receiveTimeout(SHORT).build()).build();
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void recordCutByTimeoutsInHeaderAndBodyIsResumedWhole(TlsVersion version) throws Exception {
        byte[] payload = Messages.random(10_000, 21);
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            assertEquals("go", Lines.read(tls));
            tls.send(payload, 0, payload.length);
            assertEquals("more", Lines.read(tls));
            Lines.send(tls, "after the cut record");
            assertEquals(-1, tls.receive(new byte[1], 0, 1));
        }); GatedProxy proxy = new GatedProxy(server.port())) {
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", proxy.port(), clientConfig(version))) {
                assertEquals(version, tls.session().version());
                long base = proxy.forwarded();
                proxy.allowUpTo(base + 3);
                Lines.send(tls, "go");
                proxy.awaitForwarded(base + 3);
                byte[] got = new byte[payload.length];
                assertThrows(ReceiveTimeoutException.class, () -> tls.receive(got, 0, got.length),
                        "3 of the record header's 5 bytes: nothing to return");
                proxy.allowUpTo(base + 2_000);
                proxy.awaitForwarded(base + 2_000);
                assertThrows(ReceiveTimeoutException.class, () -> tls.receiveExactly(got, 0, got.length),
                        "header and part of the body: nothing to return yet");
                assertTrue(tls.isOpen(), "a timeout leaves the connection usable");
                proxy.allowUpTo(Long.MAX_VALUE);
                tls.setReceiveTimeout(Duration.ofSeconds(10));
                tls.receiveExactly(got, 0, got.length);
                assertArrayEquals(payload, got, "the record resumed where it was cut: no byte lost or duplicated");
                Lines.send(tls, "more");
                assertEquals("after the cut record", Lines.read(tls));
            }
            server.assertServedOk();
        }
    }

    /**
     * Application data reaches the caller's array straight from the record when the caller waits
     * for it, and through BouncyCastle's queue when the caller's array is smaller than a record:
     * reads of every size, in both orders, see every byte once and in order.
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void readsOfAnySizeSeeEveryByteOnceInOrder(TlsVersion version) throws Exception {
        int[] records = {16_384, 1, 5_000, 16_384, 0, 700, 16_384};
        int total = 0;
        for (int size : records) {
            total += size;
        }
        byte[] payload = Messages.random(total, 33);
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            int at = 0;
            for (int size : records) {
                tls.send(payload, at, size); // one record each (at most 2^14 bytes)
                at += size;
            }
            assertEquals(-1, tls.receive(new byte[1], 0, 1));
        })) {
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", server.port(), clientConfig(version))) {
                tls.setReceiveTimeout(Duration.ofSeconds(10));
                int[] reads = {7, 20_000, 1, 3_000, 16_384, 16_385, 2};
                byte[] got = new byte[total];
                int have = 0;
                for (int i = 0; have < total; i++) {
                    int n = tls.receive(got, have, Math.min(reads[i % reads.length], total - have));
                    assertTrue(n > 0, "data before the end");
                    have += n;
                }
                assertArrayEquals(payload, got);
            }
            server.assertServedOk();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void oversizedRecordAfterTheHandshakeIsRefusedWithRecordOverflow(TlsVersion version) throws Exception {
        // Fits no TLS record at all (2^14 + 2048 is the most any version allows).
        assertRefused(version, new byte[] {0x17, 0x03, 0x03, (byte) 0xff, (byte) 0xff}, AlertDescription.record_overflow);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void recordAboveTheNegotiatedLimitIsRefusedWithRecordOverflow(TlsVersion version) throws Exception {
        // Above this version's AES-128-GCM ciphertext limit, below the largest TLS record.
        int length = version == TlsVersion.TLS_1_3 ? (1 << 14) + 256 + 1 : (1 << 14) + 2048;
        assertRefused(version, new byte[] {0x17, 0x03, 0x03, (byte) (length >> 8), (byte) length},
                AlertDescription.record_overflow);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void unknownRecordTypeAfterTheHandshakeIsRefused(TlsVersion version) throws Exception {
        assertRefused(version, new byte[] {0x42, 0x03, 0x03, 0x00, 0x10}, AlertDescription.unexpected_message);
    }

    /** The proxy injects {@code header} after the handshake: the client refuses it at once with {@code alert}. */
    private static void assertRefused(TlsVersion version, byte[] header, short alert) throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            tls.receive(new byte[1], 0, 1);
        }); GatedProxy proxy = new GatedProxy(server.port())) {
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", proxy.port(), clientConfig(version))) {
                proxy.inject(header);
                TlsAlertException e = assertThrows(TlsAlertException.class, () -> tls.receive(new byte[16], 0, 16),
                        "refused on the header alone, within the receive timeout");
                assertEquals(new TlsAlert(alert, false), e.alert().orElseThrow(), e.getMessage());
                assertFalse(tls.isOpen());
            }
            Throwable served = server.awaitResult();
            TlsAlertException heard = assertInstanceOf(TlsAlertException.class, served, String.valueOf(served));
            assertEquals(new TlsAlert(alert, true), heard.alert().orElseThrow(), "the server heard our alert");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void tcpEndInsideARecordIsTruncation(TlsVersion version) throws Exception {
        for (int cutAt : new int[] {3, 100}) {
            byte[] payload = Messages.random(10_000, 22);
            try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
                Lines.read(tls);
                tls.send(payload, 0, payload.length);
                tls.receive(new byte[1], 0, 1);
            }); GatedProxy proxy = new GatedProxy(server.port())) {
                try (TlsConnection tls = TlsClient.connect("127.0.0.1", proxy.port(), clientConfig(version))) {
                    long base = proxy.forwarded();
                    proxy.allowUpTo(base + cutAt);
                    Lines.send(tls, "go");
                    proxy.awaitForwarded(base + cutAt);
                    proxy.endToClient();
                    tls.setReceiveTimeout(Duration.ofSeconds(10));
                    TruncationException e = assertThrows(TruncationException.class,
                            () -> tls.receive(new byte[16], 0, 16), "cut after " + cutAt + " bytes");
                    assertTrue(e.getMessage().contains("in the middle of a TLS record"), e.getMessage());
                    assertFalse(tls.isOpen());
                }
            }
        }
    }
}
