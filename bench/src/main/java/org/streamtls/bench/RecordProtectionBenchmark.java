package org.streamtls.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
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
 * Record protection, one record per operation: the exact {@code TlsCipher} a real connection of
 * each crypto backend negotiated (captured during an in-memory handshake), encrypting
 * ({@code encodePlaintext}) or decrypting ({@code decodeCiphertext}) one record of {@code size}
 * application bytes, as BouncyCastle's record layer calls it.
 *
 * <p>Scores: records per microsecond; the secondary result "bytes" is MB/s of application data. Run
 * with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per record. The decrypt
 * benchmark first copies the record into the read buffer (as a read from the socket would; the
 * ceiling, {@link RawJcaAeadBenchmark}, does the same) and cycles through four records with
 * distinct sequence numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordProtectionBenchmark {

    private static final int RING = 4;
    private static final int HEADER = 5;

    @Param({Backends.DEFAULT, Backends.BC, Backends.JCA_BC})
    public String backend;

    @Param({"TLS13_AES_128_GCM", "TLS13_AES_256_GCM", "TLS13_CHACHA20_POLY1305", "TLS12_ECDHE_AES_128_GCM"})
    public Suite suite;

    @Param({"256", "1024", "4096", "8192", "16384"})
    public int size;

    private TlsCipher encryptor;
    private TlsCipher decryptor;
    private byte[] plaintext;
    private long writeSeqNo;
    private final byte[][] records = new byte[RING][];
    private final long[] recordSeqNos = new long[RING];
    private byte[] readBuffer;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        InMemoryConnection connection = new InMemoryConnection(Backends.byName(backend), suite, (short) 0);
        encryptor = connection.clientCipher;
        decryptor = connection.serverCipher;
        plaintext = new byte[size];
        new Random(1).nextBytes(plaintext);
        for (int i = 0; i < RING; i++) {
            recordSeqNos[i] = 100 + i;
            TlsEncodeResult encoded = encryptor.encodePlaintext(recordSeqNos[i], ContentType.application_data,
                    ProtocolVersion.TLSv12, HEADER, plaintext, 0, size);
            records[i] = Arrays.copyOfRange(encoded.buf, encoded.off + HEADER, encoded.off + encoded.len);
        }
        readBuffer = new byte[HEADER + records[0].length];
        writeSeqNo = 1_000;
        // Check the pair before measuring it.
        TlsDecodeResult decoded = decrypt(new ByteCounter());
        if (decoded.len != size) {
            throw new IllegalStateException("decrypted " + decoded.len + " bytes, expected " + size);
        }
    }

    @Benchmark
    public TlsEncodeResult encrypt(ByteCounter counter) throws IOException {
        counter.bytes += size;
        return encryptor.encodePlaintext(writeSeqNo++, ContentType.application_data, ProtocolVersion.TLSv12,
                HEADER, plaintext, 0, size);
    }

    @Benchmark
    public TlsDecodeResult decrypt(ByteCounter counter) throws IOException {
        int i = next;
        next = (i + 1) & (RING - 1);
        byte[] record = records[i];
        System.arraycopy(record, 0, readBuffer, HEADER, record.length);
        counter.bytes += size;
        return decryptor.decodeCiphertext(recordSeqNos[i], ContentType.application_data, ProtocolVersion.TLSv12,
                readBuffer, HEADER, record.length);
    }
}
