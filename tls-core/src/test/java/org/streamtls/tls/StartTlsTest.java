package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionHandler;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;
import org.streamtls.transport.TcpConnections;

/**
 * STARTTLS: plaintext first, then TLS on the same connection, our client against our server. The
 * SMTP way (the client waits for "220" before its ClientHello) and the pipelined way (the
 * ClientHello right behind "STARTTLS", delivered in one segment, so the server's buffer already
 * holds TLS bytes when it starts TLS).
 */
class StartTlsTest {

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder()
            .receiveTimeout(Duration.ofSeconds(10)).sendTimeout(Duration.ofSeconds(10)).build();
    private static final byte[] EHLO = ascii("EHLO client\r\n");
    private static final byte[] OK250 = ascii("250 hello\r\n");
    private static final byte[] STARTTLS = ascii("STARTTLS\r\n");
    private static final byte[] READY = ascii("220 ready to start TLS\r\n");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void expect(Connection c, byte[] expected) throws Exception {
        byte[] got = new byte[expected.length];
        c.receiveExactly(got, 0, got.length);
        assertArrayEquals(expected, got, new String(got, StandardCharsets.US_ASCII));
    }

    private static void send(Connection c, byte[] b) throws Exception {
        c.send(b, 0, b.length);
    }

    /** A plaintext server that upgrades after STARTTLS, answering "220" first when {@code smtp}. */
    private static Listener server(boolean smtp, BlockingQueue<Object> results) throws Exception {
        TlsServerConfig config = Pki.serverConfig(Pki.SERVER_EC).build();
        ConnectionHandler handler = connection -> {
            try {
                expect(connection, EHLO);
                send(connection, OK250);
                expect(connection, STARTTLS);
                if (smtp) {
                    send(connection, READY);
                }
                try (TlsConnection tls = TlsServer.accept(connection, config)) {
                    Messages.write(tls, Messages.read(tls));
                    assertEquals(-1, tls.receive(new byte[1], 0, 1));
                }
                results.add("ok");
            } catch (Throwable t) {
                results.add(t);
            }
        };
        return Listener.builder().bindAddress(InetAddress.getLoopbackAddress()).connectionOptions(OPTIONS)
                .handler(handler).start();
    }

    private static void assertServerOk(BlockingQueue<Object> results) throws Exception {
        Object r = results.poll(20, TimeUnit.SECONDS);
        if (!"ok".equals(r)) {
            throw new AssertionError("server: " + r, r instanceof Throwable t ? t : null);
        }
    }

    @Test
    void smtpStyleUpgrade() throws Exception {
        BlockingQueue<Object> results = new LinkedBlockingQueue<>();
        Listener listener = server(true, results);
        try {
            Connection plain = TcpConnections.connect("127.0.0.1", listener.port(), OPTIONS);
            send(plain, EHLO);
            expect(plain, OK250);
            send(plain, STARTTLS);
            expect(plain, READY);
            try (TlsConnection tls = TlsClient.startTls(plain, "localhost", Pki.clientConfig().build())) {
                assertEquals(TlsVersion.TLS_1_3, tls.session().version());
                byte[] mail = Messages.random(70000, 3);
                Messages.write(tls, mail);
                assertArrayEquals(mail, Messages.read(tls));
            }
            assertServerOk(results);
        } finally {
            listener.stop(Duration.ofMillis(500));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void pipelinedClientHelloIsKeptInTheServersBuffer(TlsVersion version) throws Exception {
        BlockingQueue<Object> results = new LinkedBlockingQueue<>();
        Listener listener = server(false, results);
        try (CoalescingProxy proxy = new CoalescingProxy(listener.port(), 100)) {
            Connection plain = TcpConnections.connect("127.0.0.1", proxy.port(), OPTIONS);
            send(plain, EHLO);
            expect(plain, OK250);
            send(plain, STARTTLS);
            try (TlsConnection tls = TlsClient.startTls(plain, "localhost",
                    Pki.clientConfig().versions(Set.of(version)).build())) {
                assertEquals(version, tls.session().version());
                byte[] mail = Messages.random(5000, 4);
                Messages.write(tls, mail);
                assertArrayEquals(mail, Messages.read(tls));
            }
            assertServerOk(results);
            assertTrue(proxy.toServer.stream().anyMatch(b -> b.length > STARTTLS.length + 5
                            && Arrays.equals(b, 0, STARTTLS.length, STARTTLS, 0, STARTTLS.length)
                            && b[STARTTLS.length] == 0x16),
                    "STARTTLS and the ClientHello reached the server in one segment");
        } finally {
            listener.stop(Duration.ofMillis(500));
        }
    }
}
