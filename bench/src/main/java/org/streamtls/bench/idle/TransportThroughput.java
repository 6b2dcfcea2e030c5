package org.streamtls.bench.idle;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Deadline;
import org.streamtls.transport.Listener;
import org.streamtls.transport.TcpConnections;

/**
 * Bulk throughput of one plain transport connection over loopback, and the bytes the receiving
 * thread allocates: a {@link Listener} handler sends {@code MiB} mebibytes in 16 KiB sends (TLS
 * pattern: 16 406-byte "records", a 5-byte header and a 16 401-byte body, as TLS 1.3 sends a full
 * record); this JVM's main thread receives them in one of these patterns:
 * <ul>
 *   <li>{@code bulk}: {@code receive} into a 16 KiB array;</li>
 *   <li>{@code tls}: like BouncyCastle's record layer, read the 5-byte header fully, then the
 *       body fully, through {@link Connection#inputStream()}, under one begun deadline as
 *       tls-core does;</li>
 *   <li>{@code small}: {@code receive} into a 256-byte array.</li>
 * </ul>
 *
 * <pre>
 * java -cp bench/target/classes:transport/target/classes \
 *      org.streamtls.bench.idle.TransportThroughput pattern [MiB=256] [rounds=7]
 * </pre>
 *
 * Prints a line per round (MB/s, the receiving thread's CPU time per MiB — steadier than MB/s on a
 * loaded machine — receive calls, bytes allocated by the receiver per MiB) and the medians; the first round is a warm-up and not counted. Not an API: a measurement.
 */
public final class TransportThroughput {

    private static final int RECORD_BODY = 16_401;
    private static final int SEND = 16 * 1024;

    private TransportThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String pattern = args[0];
        long total = (args.length > 1 ? Long.parseLong(args[1]) : 256) * 1024 * 1024;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        ConnectionOptions options = ConnectionOptions.builder().receiveTimeout(Duration.ofSeconds(30)).build();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        double[] mbps = new double[rounds - 1];
        double[] allocPerMiB = new double[rounds - 1];
        double[] cpuPerMiB = new double[rounds - 1];
        for (int round = 0; round < rounds; round++) {
            Listener listener = Listener.builder()
                    .bindAddress(InetAddress.getLoopbackAddress())
                    .connectionOptions(options)
                    .handler(c -> sendAll(c, pattern, total))
                    .start();
            try (Connection c = TcpConnections.connect("127.0.0.1", listener.port(), options)) {
                long allocBefore = threads.getThreadAllocatedBytes(me);
                long cpuBefore = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                long[] calls = new long[1];
                long got = receiveAll(c, pattern, calls);
                long nanos = System.nanoTime() - start;
                long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
                long allocated = threads.getThreadAllocatedBytes(me) - allocBefore;
                if (got != expected(pattern, total)) {
                    throw new IOException("received " + got + " bytes, expected " + expected(pattern, total));
                }
                double rate = got * 1e3 / nanos;
                double perMiB = allocated / (got / 1048576.0);
                double cpuMicrosPerMiB = cpu / 1e3 / (got / 1048576.0);
                System.out.printf(Locale.ROOT, "%s round %d: %.0f MB/s, receiver CPU %.0f us per MiB, %d receive calls,"
                        + " %.0f bytes allocated per MiB%s%n",
                        pattern, round, rate, cpuMicrosPerMiB, calls[0], perMiB, round == 0 ? " (warm-up)" : "");
                if (round > 0) {
                    mbps[round - 1] = rate;
                    allocPerMiB[round - 1] = perMiB;
                    cpuPerMiB[round - 1] = cpuMicrosPerMiB;
                }
            } finally {
                listener.stop(Duration.ofSeconds(5));
            }
        }
        System.out.printf(Locale.ROOT, "RESULT java %s %s: median %.0f MB/s, median receiver CPU %.0f us per MiB,"
                + " median %.0f bytes allocated per MiB received%n",
                Runtime.version().feature(), pattern, median(mbps), median(cpuPerMiB), median(allocPerMiB));
    }

    /** What the receiver counts: all bytes, or only the record bodies. */
    private static long expected(String pattern, long total) {
        return pattern.equals("tls") ? records(total) * RECORD_BODY : total;
    }

    private static long records(long total) {
        return total / (5 + RECORD_BODY);
    }

    private static void sendAll(Connection c, String pattern, long total) throws IOException {
        if (pattern.equals("tls")) {
            byte[] record = new byte[5 + RECORD_BODY];
            record[0] = 23;
            record[1] = 3;
            record[2] = 3;
            record[3] = (byte) (RECORD_BODY >>> 8);
            record[4] = (byte) RECORD_BODY;
            for (long i = records(total); i > 0; i--) {
                c.send(record, 0, record.length);
            }
        } else {
            byte[] chunk = new byte[SEND];
            for (long left = total; left > 0; left -= SEND) {
                c.send(chunk, 0, (int) Math.min(SEND, left));
            }
        }
        c.shutdownOutput();
        c.receive(new byte[1], 0, 1); // until the receiver closes
    }

    private static long receiveAll(Connection c, String pattern, long[] calls) throws IOException {
        long got = 0;
        switch (pattern) {
            case "bulk":
            case "small": {
                byte[] b = new byte[pattern.equals("bulk") ? 16 * 1024 : 256];
                for (int n; (n = c.receive(b, 0, b.length)) > 0; ) {
                    got += n;
                    calls[0]++;
                }
                return got;
            }
            case "tls": {
                // tls-core puts the record layer's reads under a deadline it begins (here one for
                // the whole transfer), so the transport makes no Deadline per read.
                c.beginReceiveDeadline(Deadline.after(Duration.ofSeconds(60)));
                InputStream in = c.inputStream();
                byte[] header = new byte[5];
                byte[] body = new byte[RECORD_BODY + 256];
                for (;;) {
                    int h = readFully(in, header, 5, calls);
                    if (h == 0) {
                        return got;
                    }
                    int length = (header[3] & 0xff) << 8 | (header[4] & 0xff);
                    if (h != 5 || readFully(in, body, length, calls) != length) {
                        throw new IOException("truncated record");
                    }
                    got += length;
                }
            }
            default:
                throw new IllegalArgumentException("pattern must be bulk, tls or small: " + pattern);
        }
    }

    private static int readFully(InputStream in, byte[] b, int len, long[] calls) throws IOException {
        int got = 0;
        while (got < len) {
            int n = in.read(b, got, len - got);
            calls[0]++;
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
