package org.streamtls.samples.framing;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

import org.streamtls.transport.Connection;
import org.streamtls.transport.Deadline;

/**
 * Whole messages over a byte stream, each framed by its length: a 4-byte big-endian length, then
 * that many bytes (Windows' SSPI samples frame each message with its length the same way). TLS
 * preserves no message boundaries — a 100 KB message arrives in several records, two small ones
 * may arrive in one read — so the receiver must frame.
 *
 * <p>Receiving a message runs under one deadline for the whole message, however many records and
 * TCP segments it arrives in ({@link Connection#beginReceiveDeadline}): a peer that trickles a
 * message byte by byte cannot hold the receiver longer than that. A message longer than the
 * receiver's limit is refused before it is read: never trust a length from the network.
 *
 * <p>Stateless and thread-safe; a connection still allows one sender and one receiver at a time.
 */
public final class LengthPrefixedMessages {

    private LengthPrefixedMessages() {
    }

    /** Sends one message: its length and its bytes, in one send. */
    public static void send(Connection connection, byte[] message) throws IOException {
        byte[] frame = new byte[4 + message.length];
        int n = message.length;
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(message, 0, frame, 4, n);
        connection.send(frame, 0, frame.length);
    }

    /**
     * Receives one whole message within {@code timeout}.
     *
     * @param maxLength the longest message accepted
     * @return the message, or null when the peer ended the stream cleanly between messages
     * @throws MessageTooLongException if the announced length exceeds {@code maxLength} (nothing
     *         more is read; the stream is then out of step and should be closed)
     * @throws EOFException if the stream ends inside a message
     * @throws org.streamtls.transport.ReceiveTimeoutException if the whole message did not arrive
     *         in time; part of it may have been consumed, so the stream is out of step and should be closed
     */
    public static byte[] receive(Connection connection, int maxLength, Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        connection.beginReceiveDeadline(Deadline.after(timeout));
        try {
            byte[] header = new byte[4];
            int first = connection.receive(header, 0, 4);
            if (first < 0) {
                return null;
            }
            if (first < 4) {
                connection.receiveExactly(header, first, 4 - first);
            }
            long length = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
                    | (header[3] & 0xFF);
            if (length > maxLength) {
                throw new MessageTooLongException(length, maxLength);
            }
            byte[] message = new byte[(int) length];
            connection.receiveExactly(message, 0, message.length);
            return message;
        } finally {
            connection.endReceiveDeadline();
        }
    }
}
