package org.streamtls.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Connect by host name tries every address the name resolves to. Runs in its own JVM (see
 * pom.xml) where {@code dual.streamtls.test} resolves to 127.0.0.1 and then ::1, from a test hosts
 * file, so that no DNS is involved. (With {@code -Dtest=ConnectByNameTest} Maven's default test
 * execution, which lacks the hosts file, skips it; the connect-by-name execution runs it.)
 */
@Timeout(30)
@EnabledIfSystemProperty(named = "jdk.net.hosts.file", matches = ".*connect-test-hosts")
class ConnectByNameTest {

    private static final String DUAL = "dual.streamtls.test";

    @BeforeAll
    static void theTestNameResolvesToBothLoopbacks() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
                Arrays.asList(InetAddress.getAllByName(DUAL)),
                "run through Maven: the test JVM needs -Djdk.net.hosts.file (see pom.xml)");
    }

    @Test
    void whenTheFirstAddressRefusesTheNextOneIsTried() throws Exception {
        Socket refusingV4 = RawPeer.refusingPort("127.0.0.1", 0);
        Listener v6only = Listener.builder().bindAddress(InetAddress.getByName("::1")).port(refusingV4.getLocalPort())
                .handler(c -> c.send(new byte[] {6}, 0, 1)).start();
        try (refusingV4; Connection c = TcpConnections.connect(DUAL, v6only.port(), ConnectionOptions.defaults())) {
            assertInstanceOf(Inet6Address.class, c.remoteAddress().getAddress());
            byte[] one = new byte[1];
            c.receiveExactly(one, 0, 1);
            assertEquals(6, one[0]);
        } finally {
            v6only.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSilentFirstAddressGetsOnlyItsShareOfTheConnectTimeout() throws Exception {
        // 127.0.0.1:P never answers (its backlog is full); [::1]:P accepts. With a 2 s connect
        // timeout and two addresses, the first gets 1 s and the second the rest.
        List<Socket> filling = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            fillBacklog(silent, filling);
            Listener v6only = Listener.builder().bindAddress(InetAddress.getByName("::1")).port(silent.getLocalPort())
                    .handler(c -> c.send(new byte[] {6}, 0, 1)).start();
            ConnectionOptions options = ConnectionOptions.builder().connectTimeout(Duration.ofSeconds(2)).build();
            long start = System.nanoTime();
            try (Connection c = TcpConnections.connect(DUAL, silent.getLocalPort(), options)) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(ms >= 900 && ms < 1900, "connected after " + ms + " ms, expected ~1 s");
                assertInstanceOf(Inet6Address.class, c.remoteAddress().getAddress());
            } finally {
                v6only.stop(Duration.ofSeconds(1));
            }
        } finally {
            for (Socket s : filling) {
                s.close();
            }
        }
    }

    @Test
    void whenEveryAddressFailsTheErrorNamesHostPortAndEachCause() throws Exception {
        List<Socket> filling = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Socket refusing = RawPeer.refusingPort("::1", silent.getLocalPort())) {
            fillBacklog(silent, filling);
            int port = silent.getLocalPort(); // nothing listens on [::1] at this port
            ConnectionOptions options = ConnectionOptions.builder().connectTimeout(Duration.ofMillis(600)).build();
            long start = System.nanoTime();
            ConnectFailedException e = assertThrows(ConnectFailedException.class,
                    () -> TcpConnections.connect(DUAL, port, options).close());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms < 1500, "failed after " + ms + " ms for a 600 ms connect timeout");
            // The first address gets half of what is left of 600 ms after name resolution.
            Matcher m = Pattern.compile(Pattern.quote(
                    "cannot connect to " + DUAL + " port " + port + ": 127.0.0.1:" + port + " timed out after ")
                    + "(\\d+) ms" + Pattern.quote("; [::1]:" + port + " Connection refused"))
                    .matcher(e.getMessage());
            assertTrue(m.matches(), e.getMessage());
            int share = Integer.parseInt(m.group(1));
            assertTrue(share > 200 && share <= 300, "first address's share: " + share + " ms");
            assertEquals(DUAL, e.host());
            assertEquals(port, e.port());
            assertEquals(2, e.getSuppressed().length);
            assertInstanceOf(SocketTimeoutException.class, e.getSuppressed()[0]);
        } finally {
            for (Socket s : filling) {
                s.close();
            }
        }
    }

    /** Connects to {@code server}, which never accepts, until its backlog is full. */
    static void fillBacklog(ServerSocket server, List<Socket> filling) throws Exception {
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            filling.add(s);
            try {
                s.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 300);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new AssertionError("could not fill the backlog of a loopback server socket");
    }
}
