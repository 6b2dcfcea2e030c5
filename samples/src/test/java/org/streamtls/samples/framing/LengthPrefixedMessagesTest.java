package org.streamtls.samples.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;
import org.streamtls.transport.ReceiveTimeoutException;
import org.streamtls.transport.TcpConnections;

/** Length-prefixed messages over TLS (the FramedEcho sample) and their edge cases over plain TCP. */
class LengthPrefixedMessagesTest {

    @Test
    void messagesOfEverySizeComeBackWholeOverTls() throws Exception {
        byte[] large = new byte[100_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ok = FramedEcho.run(List.of(new byte[0], "x".getBytes(StandardCharsets.UTF_8), large),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(ok, text);
        assertTrue(text.contains("sent 0 bytes, received 0 bytes, identical"), text);
        assertTrue(text.contains("sent 100000 bytes, received 100000 bytes, identical"), text);
    }

    /** A raw TCP peer: the test writes exactly the bytes it wants the receiver to see. */
    private static void withPeer(PeerScript script, ReceiverCheck check) throws Exception {
        BlockingQueue<Throwable> failures = new ArrayBlockingQueue<>(1);
        Listener listener = Listener.builder().bindAddress(InetAddress.getLoopbackAddress()).handler(c -> {
            try {
                script.run(c);
            } catch (Exception | AssertionError e) {
                failures.add(e);
            }
        }).start();
        try (Connection c = TcpConnections.connect("127.0.0.1", listener.port(),
                ConnectionOptions.builder().receiveTimeout(Duration.ofSeconds(10)).build())) {
            check.run(c);
        } finally {
            listener.stop(Duration.ofSeconds(2));
        }
        Throwable f = failures.poll(0, TimeUnit.SECONDS);
        if (f != null) {
            throw new AssertionError("peer failed", f);
        }
    }

    interface PeerScript {
        void run(Connection c) throws Exception;
    }

    interface ReceiverCheck {
        void run(Connection c) throws Exception;
    }

    @Test
    void twoMessagesInOneSegmentAreSeparatedAndTheCleanEndIsNull() throws Exception {
        withPeer(c -> {
            byte[] both = {0, 0, 0, 2, 'h', 'i', 0, 0, 0, 3, 'y', 'o', 'u'};
            c.send(both, 0, both.length);
            c.shutdownOutput();
        }, c -> {
            assertArrayEquals("hi".getBytes(), LengthPrefixedMessages.receive(c, 100, Duration.ofSeconds(5)));
            assertArrayEquals("you".getBytes(), LengthPrefixedMessages.receive(c, 100, Duration.ofSeconds(5)));
            assertNull(LengthPrefixedMessages.receive(c, 100, Duration.ofSeconds(5)));
        });
    }

    @Test
    void tooLongIsRefusedBeforeReading() throws Exception {
        withPeer(c -> {
            byte[] header = {0x7f, 0, 0, 0};
            c.send(header, 0, header.length);
            Thread.sleep(200);
        }, c -> {
            MessageTooLongException e = assertThrows(MessageTooLongException.class,
                    () -> LengthPrefixedMessages.receive(c, 1 << 20, Duration.ofSeconds(5)));
            assertEquals(0x7f000000L, e.length());
            assertTrue(e.getMessage().contains("2130706432 bytes announced, more than the limit of 1048576 bytes"), e::getMessage);
        });
    }

    @Test
    void endInsideAMessageIsEof() throws Exception {
        withPeer(c -> {
            byte[] partial = {0, 0, 0, 10, 1, 2, 3};
            c.send(partial, 0, partial.length);
            c.shutdownOutput();
        }, c -> assertThrows(EOFException.class, () -> LengthPrefixedMessages.receive(c, 100, Duration.ofSeconds(5))));
    }

    @Test
    void aTricklingPeerCannotStretchTheMessageDeadline() throws Exception {
        withPeer(c -> {
            byte[] header = {0, 0, 0, 20};
            c.send(header, 0, header.length);
            try {
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(100);
                    c.send(new byte[] {(byte) i}, 0, 1);
                }
            } catch (java.io.IOException e) {
                // the receiver gave up and closed, as it should
            }
        }, c -> {
            long start = System.nanoTime();
            assertThrows(ReceiveTimeoutException.class, () -> LengthPrefixedMessages.receive(c, 100, Duration.ofMillis(700)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 650 && ms < 1900, "one deadline for the whole message, took " + ms + " ms");
        });
    }
}
