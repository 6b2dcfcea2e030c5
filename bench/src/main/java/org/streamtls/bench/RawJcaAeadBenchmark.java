package org.streamtls.bench;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * The ceiling for {@link RecordProtectionBenchmark}: the JDK's own AEAD (SunJCE) on the same
 * buffers, used as TLS uses it — a fresh 12-byte nonce and {@code Cipher.init} per record, 5 bytes
 * of additional data, output into a preallocated buffer. No record layer around it.
 *
 * <p>Scores as in {@link RecordProtectionBenchmark}: records per microsecond, "bytes" in MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RawJcaAeadBenchmark {

    private static final int RING = 4;
    private static final int HEADER = 5;
    private static final int TAG = 16;

    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public String aead;

    @Param({"256", "1024", "4096", "8192", "16384"})
    public int size;

    private boolean chacha;
    private Cipher encryptor;
    private Cipher decryptor;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private final byte[] additionalData = {23, 3, 3, 0, 0};
    private byte[] plaintext;
    private byte[] output;
    private long counter;
    private final byte[][] records = new byte[RING][];
    private final byte[][] recordNonces = new byte[RING][];
    private byte[] readBuffer;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        chacha = "CHACHA20_POLY1305".equals(aead);
        String transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        byte[] keyBytes = new byte["AES_128_GCM".equals(aead) ? 16 : 32];
        Random random = new Random(1);
        random.nextBytes(keyBytes);
        random.nextBytes(nonce);
        key = new SecretKeySpec(keyBytes, chacha ? "ChaCha20" : "AES");
        encryptor = Cipher.getInstance(transformation, "SunJCE");
        decryptor = Cipher.getInstance(transformation, "SunJCE");
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        output = new byte[HEADER + size + TAG];
        additionalData[3] = (byte) ((size + TAG) >>> 8);
        additionalData[4] = (byte) (size + TAG);
        for (int i = 0; i < RING; i++) {
            step();
            recordNonces[i] = nonce.clone();
            encryptor.init(Cipher.ENCRYPT_MODE, key, parameters(nonce));
            encryptor.updateAAD(additionalData);
            records[i] = encryptor.doFinal(plaintext, 0, size);
        }
        readBuffer = new byte[HEADER + size + TAG];
    }

    @Benchmark
    public int encrypt(ByteCounter bytes) throws GeneralSecurityException {
        step();
        encryptor.init(Cipher.ENCRYPT_MODE, key, parameters(nonce));
        encryptor.updateAAD(additionalData);
        bytes.bytes += size;
        return encryptor.doFinal(plaintext, 0, size, output, HEADER);
    }

    @Benchmark
    public int decrypt(ByteCounter bytes) throws GeneralSecurityException {
        int i = next;
        next = (i + 1) & (RING - 1);
        byte[] record = records[i];
        System.arraycopy(record, 0, readBuffer, HEADER, record.length);
        decryptor.init(Cipher.DECRYPT_MODE, key, parameters(recordNonces[i]));
        decryptor.updateAAD(additionalData);
        bytes.bytes += size;
        return decryptor.doFinal(readBuffer, HEADER, record.length, output, 0);
    }

    /** The next record's nonce: the last 8 bytes count records, as a TLS sequence number does. */
    private void step() {
        long seq = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (seq >>> (8 * i));
        }
    }

    private AlgorithmParameterSpec parameters(byte[] recordNonce) {
        return chacha ? new IvParameterSpec(recordNonce)
                : new GCMParameterSpec(TAG * 8, recordNonce);
    }
}
