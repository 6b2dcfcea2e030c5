package org.streamtls.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A send to a peer that stops reading ends after the send timeout and says so. */
@Timeout(30)
class SendTimeoutTest {

    /** More than loopback socket buffers on both sides can absorb. */
    private static final int LARGE = 64 * 1024 * 1024;

    @Test
    void aSendToAPeerThatNeverReadsTimesOutAndSaysSo() throws Exception {
        try (RawPeer peer = RawPeer.start("127.0.0.1", 64 * 1024, RawPeer::holdOpen);
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(),
                     ConnectionOptions.builder().sendTimeout(Duration.ofMillis(500)).build())) {
            c.send(new byte[100], 0, 100); // a send in time, before the one that is not

            byte[] large = new byte[LARGE];
            long start = System.nanoTime();
            SendTimeoutException e = assertThrows(SendTimeoutException.class, () -> c.send(large, 0, large.length));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(elapsedMs >= 450 && elapsedMs < 2500, "send timed out after " + elapsedMs + " ms, expected ~500");
            assertEquals("send timed out after 500 ms: the peer is not reading", e.getMessage());
            assertEquals(Duration.ofMillis(500), e.waited());
            assertFalse(c.isOpen(), "a connection with a half-sent message must be closed");
            ConnectionClosedException after = assertThrows(ConnectionClosedException.class,
                    () -> c.send(new byte[1], 0, 1));
            assertTrue(after.getMessage().contains("after a send timed out"), after.getMessage());
        }
    }

    @Test
    void aSlowButSteadyReaderIsNotCutOffEachSendHasItsOwnDeadline() throws Exception {
        // The peer reads 128 KiB every 10 ms (at most ~13 MB/s): 32 MiB take well over a second
        // in total (more than loopback socket buffers hold), but each 256 KiB send completes in
        // tens of milliseconds, far inside its own 500 ms send timeout. The peer's receive buffer is
        // fixed (no autotuning) so that the kernel cannot absorb the lot.
        int total = 32 * 1024 * 1024;
        try (RawPeer peer = RawPeer.start("127.0.0.1", 256 * 1024, s -> {
                InputStream in = s.getInputStream();
                long read = 0;
                while (read < total) {
                    byte[] got = in.readNBytes(128 * 1024);
                    if (got.length == 0) {
                        break;
                    }
                    read += got.length;
                    RawPeer.sleep(10);
                }
                RawPeer.holdOpen(s);
            });
             Connection c = TcpConnections.connect("127.0.0.1", peer.port(),
                     ConnectionOptions.builder().sendTimeout(Duration.ofMillis(500)).build())) {
            byte[] chunk = new byte[256 * 1024];
            long start = System.nanoTime();
            for (int sent = 0; sent < total; sent += chunk.length) {
                c.send(chunk, 0, chunk.length);
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMs > 1000, "the sends took only " + elapsedMs + " ms: the peer did not slow them down");
            assertTrue(c.isOpen());
            peer.assertNoFailure();
        }
    }
}
