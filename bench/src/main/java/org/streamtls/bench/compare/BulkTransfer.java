package org.streamtls.bench.compare;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * Bulk throughput: the client sends {@code n} bytes one way in 16 KiB writes; the server reads them
 * with a 16 KiB buffer and answers with 8 bytes when it has them all. The clock runs from the first
 * write to the answer. Each 16 KiB write carries its sequence number in its first 8 bytes, so a
 * lost, duplicated or reordered record changes the checksum.
 *
 * <p>A round may verify: the server then computes CRC32C over everything it received and answers
 * with it, and the client compares it with the CRC32C of what it sent. Otherwise the server answers
 * with the byte count (checked too) and neither side spends CPU on checksums.
 */
final class BulkTransfer {

    static final int WRITE_SIZE = 16 * 1024;

    private static final byte[] PATTERN = new byte[WRITE_SIZE];

    static {
        new Random(0x5eed).nextBytes(PATTERN);
    }

    private BulkTransfer() {
    }

    /** The server side: receive, check, answer, then wait for the client to close. */
    static ServerLoop.Work receiver() {
        return endpoint -> {
            byte[] header = new byte[16];
            endpoint.readFully(header, 0, header.length);
            ByteBuffer h = ByteBuffer.wrap(header);
            long n = h.getLong(0);
            boolean verify = h.getLong(8) != 0;
            CRC32C crc = verify ? new CRC32C() : null;
            byte[] buffer = new byte[WRITE_SIZE];
            long received = 0;
            while (received < n) {
                int r = endpoint.read(buffer, 0, (int) Math.min(buffer.length, n - received));
                if (r < 0) {
                    throw new java.io.EOFException("the client's stream ended after " + received + " of " + n + " bytes");
                }
                if (crc != null) {
                    crc.update(buffer, 0, r);
                }
                received += r;
            }
            byte[] answer = ByteBuffer.allocate(8).putLong(verify ? crc.getValue() : received).array();
            endpoint.write(answer, 0, answer.length);
            drain(endpoint);
        };
    }

    /**
     * The client side: sends {@code n} bytes (a multiple of 16 KiB) and waits for the answer.
     *
     * @return throughput in MB (10^6 bytes) per second and per CPU-second
     * @throws IOException if the transfer failed or the server's answer does not match what was sent
     */
    static Rate send(Endpoint endpoint, long n, boolean verify) throws IOException {
        byte[] block = PATTERN.clone();
        ByteBuffer sequence = ByteBuffer.wrap(block);
        CRC32C crc = verify ? new CRC32C() : null;
        byte[] header = ByteBuffer.allocate(16).putLong(n).putLong(verify ? 1 : 0).array();
        endpoint.write(header, 0, header.length);
        long writes = n / WRITE_SIZE;
        Rate.Clock clock = Rate.start();
        for (long i = 0; i < writes; i++) {
            sequence.putLong(0, i);
            if (crc != null) {
                crc.update(block, 0, WRITE_SIZE);
            }
            endpoint.write(block, 0, WRITE_SIZE);
        }
        byte[] answer = new byte[8];
        endpoint.readFully(answer, 0, answer.length);
        Rate rate = clock.rate(writes * (double) WRITE_SIZE / 1e6);
        long got = ByteBuffer.wrap(answer).getLong();
        long expected = verify ? crc.getValue() : writes * WRITE_SIZE;
        if (got != expected) {
            throw new IOException(verify
                    ? String.format("the bytes did not arrive intact: CRC32C sent %08x, received %08x", expected, got)
                    : "the server received " + got + " bytes, " + expected + " were sent");
        }
        return rate;
    }

    /** Reads until the peer ends the stream; errors while the peer closes are not the measurement's. */
    static void drain(Endpoint endpoint) {
        byte[] sink = new byte[256];
        try {
            while (endpoint.read(sink, 0, sink.length) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // the peer closed abruptly after the measurement: fine
        }
    }
}
