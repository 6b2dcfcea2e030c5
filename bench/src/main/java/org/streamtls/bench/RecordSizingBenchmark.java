package org.streamtls.bench;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.MaxFragmentLength;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Record sizing: throughput of a whole in-memory client/server pair (BouncyCastle's record layer
 * on both sides, no socket) as a function of the application's write size and the maximum record
 * size. One operation = the client writes {@code writeSize} bytes, the records move to the server
 * (one record per {@code offerInput}) and the server application reads them all.
 *
 * <p>{@code maxRecord} below 16384 is negotiated with RFC 6066 max_fragment_length (512, 1024, 2048
 * or 4096). Scores: writes per microsecond; "bytes" is MB/s of application data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordSizingBenchmark {

    @Param({Backends.DEFAULT})
    public String backend;

    @Param({"TLS13_AES_128_GCM"})
    public Suite suite;

    @Param({"64", "1024", "16384", "65536", "1048576"})
    public int writeSize;

    @Param({"512", "4096", "16384"})
    public int maxRecord;

    private InMemoryConnection connection;
    private byte[] data;
    private byte[] sink;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        connection = new InMemoryConnection(Backends.byName(backend), suite, maxFragmentLength(maxRecord));
        data = new byte[writeSize];
        new Random(1).nextBytes(data);
        sink = new byte[Math.max(writeSize, 1 << 16)];
    }

    @Benchmark
    public int transfer(ByteCounter counter) throws IOException {
        connection.client.writeApplicationData(data, 0, writeSize);
        connection.pump();
        int received = 0;
        while (received < writeSize) {
            int n = connection.server.readInput(sink, 0, sink.length);
            if (n <= 0) {
                throw new IllegalStateException("the server received " + received + " of " + writeSize + " bytes");
            }
            received += n;
        }
        counter.bytes += writeSize;
        return received;
    }

    private static short maxFragmentLength(int maxRecord) {
        switch (maxRecord) {
            case 512:
                return MaxFragmentLength.pow2_9;
            case 1024:
                return MaxFragmentLength.pow2_10;
            case 2048:
                return MaxFragmentLength.pow2_11;
            case 4096:
                return MaxFragmentLength.pow2_12;
            case 16384:
                return 0;
            default:
                throw new IllegalArgumentException("maxRecord must be 512, 1024, 2048, 4096 or 16384, not " + maxRecord);
        }
    }
}
