package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records are never interleaved when one thread writes while another raises an alert: the server
 * streams data from one thread while its reading thread receives the client's close_notify and
 * answers with its own close_notify (BouncyCastle writes that alert from the reading thread). The
 * client must read an intact stream of records ending in a clean close_notify — a torn or
 * misordered record would fail its MAC first.
 */
class ConcurrentAlertTest {

    private static byte patternAt(long position) {
        return (byte) (position % 251);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void closeNotifyFromTheReaderWhileTheWriterStreams(TlsVersion version) throws Exception {
        for (int round = 0; round < 3; round++) {
            AtomicLong written = new AtomicLong();
            try (TestServer server = TestServer.start(Pki.serverConfig(Pki.SERVER_EC).build(), tls -> {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    byte[] chunk = new byte[16384];
                    long position = 0;
                    try {
                        while (true) {
                            for (int i = 0; i < chunk.length; i++) {
                                chunk[i] = patternAt(position + i);
                            }
                            tls.send(chunk, 0, chunk.length);
                            position += chunk.length;
                            written.set(position);
                        }
                    } catch (Exception expected) {
                        // the connection closed under the writer: its end
                    }
                });
                assertEquals(-1, tls.receive(new byte[1], 0, 1), "the client's close_notify");
                writer.get(10, TimeUnit.SECONDS);
            })) {
                TlsClientConfig config = Pki.clientConfig().versions(Set.of(version)).build();
                try (TlsConnection tls = TlsClient.connect("localhost", server.port(), config)) {
                    byte[] buf = new byte[20000];
                    long position = 0;
                    boolean closeNotifySent = false;
                    int n;
                    while ((n = tls.receive(buf, 0, buf.length)) >= 0) {
                        for (int i = 0; i < n; i++) {
                            if (buf[i] != patternAt(position + i)) {
                                throw new AssertionError("byte " + (position + i) + " is wrong");
                            }
                        }
                        position += n;
                        if (!closeNotifySent && position > (1 << 20)) {
                            tls.shutdownOutput();
                            closeNotifySent = true;
                        }
                    }
                    assertTrue(closeNotifySent && position > (1 << 20), "read " + position + " bytes");
                    assertTrue(position <= written.get() + 16384, position + " read, " + written.get() + " written");
                }
                server.assertServedOk();
            }
        }
    }
}
