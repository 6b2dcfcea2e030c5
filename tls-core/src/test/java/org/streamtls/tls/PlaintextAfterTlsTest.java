package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.transport.Connection;

/**
 * close_notify then plaintext on the same TCP connection, started by the client and by the server,
 * over TLS 1.2 and 1.3. The side that answers the close_notify sends plaintext right behind its
 * own close_notify; a coalescing proxy delivers both in one TCP segment, and the other side must
 * read the close_notify as TLS and the rest as plaintext: nothing lost, nothing duplicated, then a
 * clean TCP end.
 */
class PlaintextAfterTlsTest {

    private static final byte[] FROM_CLIENT = "plaintext from the client after TLS\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM_SERVER = "plaintext from the server after TLS\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = Messages.random(20000, 7);

    private static TlsClientConfig clientConfig(TlsVersion version) {
        return Pki.clientConfig().versions(Set.of(version)).serverName("localhost").build();
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientEndsTls(TlsVersion version) throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            Messages.write(tls, Messages.read(tls));
            assertEquals(-1, tls.receive(new byte[1], 0, 1), "the client's close_notify ends the TLS stream");
            Connection plain = tls.shutdownTls();
            plain.send(FROM_SERVER, 0, FROM_SERVER.length);
            byte[] got = new byte[FROM_CLIENT.length];
            plain.receiveExactly(got, 0, got.length);
            assertArrayEquals(FROM_CLIENT, got);
        }); CoalescingProxy proxy = new CoalescingProxy(server.port(), 100)) {
            TlsConnection tls = TlsClient.connect("127.0.0.1", proxy.port(), clientConfig(version));
            Messages.write(tls, SECRET);
            assertArrayEquals(SECRET, Messages.read(tls));
            Connection plain = tls.shutdownTls();
            assertFalse(tls.isOpen());
            assertTrue(plain.isOpen());
            byte[] got = new byte[FROM_SERVER.length];
            plain.receiveExactly(got, 0, got.length);
            assertArrayEquals(FROM_SERVER, got);
            plain.send(FROM_CLIENT, 0, FROM_CLIENT.length);
            server.assertServedOk();
            assertEquals(-1, plain.receive(new byte[16], 0, 16), "nothing after the plaintext: no byte duplicated");
            plain.close();
            assertTrue(CoalescingProxy.recordThenPlaintextInOneBurst(proxy.toClient, FROM_SERVER),
                    "the server's close_notify and its plaintext reached the client in one segment");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void serverEndsTls(TlsVersion version) throws Exception {
        try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
            Messages.write(tls, SECRET);
            Connection plain = tls.shutdownTls();
            byte[] got = new byte[FROM_CLIENT.length];
            plain.receiveExactly(got, 0, got.length);
            assertArrayEquals(FROM_CLIENT, got);
            plain.send(FROM_SERVER, 0, FROM_SERVER.length);
        }); CoalescingProxy proxy = new CoalescingProxy(server.port(), 100)) {
            TlsConnection tls = TlsClient.connect("127.0.0.1", proxy.port(), clientConfig(version));
            assertArrayEquals(SECRET, Messages.read(tls));
            assertEquals(-1, tls.receive(new byte[1], 0, 1), "the server's close_notify ends the TLS stream");
            Connection plain = tls.shutdownTls();
            plain.send(FROM_CLIENT, 0, FROM_CLIENT.length);
            byte[] got = new byte[FROM_SERVER.length];
            plain.receiveExactly(got, 0, got.length);
            assertArrayEquals(FROM_SERVER, got);
            server.assertServedOk();
            assertEquals(-1, plain.receive(new byte[16], 0, 16), "nothing after the plaintext: no byte duplicated");
            plain.close();
            assertTrue(CoalescingProxy.recordThenPlaintextInOneBurst(proxy.toServer, FROM_CLIENT),
                    "the client's close_notify and its plaintext reached the server in one segment");
        }
    }
}
