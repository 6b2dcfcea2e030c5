package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.tls.AlertDescription;
import org.junit.jupiter.api.Test;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.ReceiveTimeoutException;
import org.streamtls.transport.ShutdownSignal;

/**
 * Peers that break the rules: garbage instead of a ServerHello, a record header announcing more
 * than 2^14 + 256 bytes, a client that stalls after its ClientHello (the server gives up at the
 * handshake deadline and its handler thread returns), peers that trickle bytes to beat per-read
 * timeouts (during and after the handshake), and cancellation of a handshake by the shutdown signal.
 */
class HostilePeerTest {

    private static final Duration SHORT = Duration.ofMillis(700);

    /** A real ClientHello, as the JDK's own TLS client writes it. */
    private static byte[] jsseClientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    /** A one-connection raw TCP server: reads the ClientHello, answers {@code reply}, returns what the client sent next. */
    private static CompletableFuture<byte[]> rawServer(ServerSocket listening, byte[] reply) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = listening.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                byte[] header = in.readNBytes(5);
                in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
                s.getOutputStream().write(reply);
                s.getOutputStream().flush();
                ByteArrayOutputStream after = new ByteArrayOutputStream();
                byte[] buf = new byte[256];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    after.write(buf, 0, n);
                }
                return after.toByteArray();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void garbageInsteadOfServerHello() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> sentBack = rawServer(listening,
                    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> TlsClient.connect("127.0.0.1",
                    listening.getLocalPort(), Pki.clientConfig().serverName("localhost").build()));
            TlsAlert alert = e.alert().orElseThrow();
            assertTrue(!alert.fromPeer(), e.getMessage());
            byte[] after = sentBack.get(10, TimeUnit.SECONDS);
            assertTrue(after.length >= 7 && after[0] == 0x15, "the client sent a TLS alert record: "
                    + Arrays.toString(after));
            assertEquals(alert.description(), after[6], "the alert on the wire is the one reported");
        }
    }

    @Test
    void recordHeaderAnnouncingMoreThanTheLimit() throws Exception {
        int announced = (1 << 14) + 256 + 1;
        byte[] header = {0x16, 0x03, 0x03, (byte) (announced >> 8), (byte) announced};
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> sentBack = rawServer(listening, header);
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> TlsClient.connect("127.0.0.1",
                    listening.getLocalPort(), Pki.clientConfig().serverName("localhost").build()));
            assertEquals(new TlsAlert(AlertDescription.record_overflow, false), e.alert().orElseThrow());
            byte[] after = sentBack.get(10, TimeUnit.SECONDS);
            // Before the ServerHello the record version is the legacy one BouncyCastle chooses (3,1).
            after = Arrays.copyOf(after, 7);
            after[2] = 0x03;
            assertArrayEquals(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, AlertDescription.record_overflow},
                    after, "a fatal record_overflow alert, in the clear");
        }
    }

    @Test
    void clientStallingAfterClientHelloIsDroppedAtTheHandshakeDeadline() throws Exception {
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC)
                .timeouts(TlsTimeouts.builder().handshake(SHORT).build()).build();
        try (TestServer server = TestServer.start(config, tls -> { });
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            client.getOutputStream().write(jsseClientHello());
            long start = System.nanoTime();
            Throwable t = server.awaitResult();
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(HandshakeTimeoutException.class, t, String.valueOf(t));
            assertEquals(SHORT, ((HandshakeTimeoutException) t).timeout());
            assertTrue(waitedMs >= SHORT.toMillis() - 100 && waitedMs < 5000, "gave up after " + waitedMs + " ms");
            assertTrue(server.awaitIdle(), "the handler's thread is free again");
            client.setSoTimeout(5000);
            InputStream in = client.getInputStream();
            byte[] buf = new byte[8192];
            while (in.read(buf) >= 0) {
                // the server's flight, then its close
            }
        }
    }

    @Test
    void tricklingClientHelloCannotStretchTheHandshake() throws Exception {
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC)
                .timeouts(TlsTimeouts.builder().handshake(SHORT).build()).build();
        byte[] hello = jsseClientHello();
        try (TestServer server = TestServer.start(config, tls -> { })) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port());
            CompletableFuture<Void> trickler = null;
            try {
                client.setTcpNoDelay(true);
                trickler = CompletableFuture.runAsync(() -> {
                    try {
                        for (byte b : hello) {
                            client.getOutputStream().write(b);
                            Thread.sleep(50);
                        }
                    } catch (Exception e) {
                        // the server closed on us: expected
                    }
                });
                long start = System.nanoTime();
                Throwable t = server.awaitResult();
                long waitedMs = (System.nanoTime() - start) / 1_000_000;
                assertInstanceOf(HandshakeTimeoutException.class, t, String.valueOf(t));
                assertTrue(waitedMs < 3000, "each byte came well within a per-read timeout, but the handshake"
                        + " deadline held: gave up after " + waitedMs + " ms (the whole hello would take "
                        + hello.length * 50 + " ms)");
            } finally {
                client.close(); // ends the trickler
            }
            trickler.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void tricklingRecordCannotStretchAReceiveAndLosesNothing() throws Exception {
        byte[] payload = Messages.random(16000, 11);
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            Lines.read(tls);
            tls.send(payload, 0, payload.length);
            assertEquals(-1, tls.receive(new byte[1], 0, 1));
        }); TrickleProxy proxy = new TrickleProxy(server.port())) {
            TlsClientConfig config = Pki.clientConfig().serverName("localhost")
                    .connectionOptions(ConnectionOptions.builder().receiveTimeout(SHORT).build()).build();
            try (TlsConnection tls = TlsClient.connect("127.0.0.1", proxy.port(), config)) {
                proxy.trickle(20);
                Lines.send(tls, "go");
                byte[] got = new byte[payload.length];
                long start = System.nanoTime();
                assertThrows(ReceiveTimeoutException.class, () -> tls.receiveExactly(got, 0, got.length));
                long waitedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(waitedMs >= SHORT.toMillis() - 100 && waitedMs < 3000,
                        "one deadline for the receive, however the bytes trickle: " + waitedMs + " ms");
                proxy.trickle(0);
                tls.setReceiveTimeout(Duration.ofSeconds(10));
                tls.receiveExactly(got, 0, got.length);
                assertArrayEquals(payload, got, "the retry got every byte, none lost or duplicated");
            }
            server.assertServedOk();
        }
    }

    @Test
    void shutdownSignalCancelsAHandshake() throws Exception {
        ShutdownSignal signal = new ShutdownSignal();
        ConnectionOptions options = ConnectionOptions.builder().shutdownSignal(signal).build();
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), options, tls -> { });
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            client.getOutputStream().write(jsseClientHello());
            Thread.sleep(300);
            signal.signal();
            Throwable t = server.awaitResult();
            assertInstanceOf(CancelledException.class, t, String.valueOf(t));
            assertTrue(server.awaitIdle(), "the handler's thread is free again");
        }
    }
}
