package org.streamtls.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.MACAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streamtls.tls.CryptoBackend;

/**
 * The default backend's record protection: it really runs on the JDK's SunJCE, it produces exactly
 * BouncyCastle's records (a known-answer comparison with the same keys, nonces and additional
 * data), it survives TLS 1.3 KeyUpdates and it refuses tampered records with bad_record_mac.
 */
class DefaultBackendRecordProtectionTest {

    static Stream<Arguments> versionAndSuite() {
        return Stream.of(
                Arguments.of(ProtocolVersion.TLSv13, CipherSuite.TLS_AES_128_GCM_SHA256),
                Arguments.of(ProtocolVersion.TLSv13, CipherSuite.TLS_AES_256_GCM_SHA384),
                Arguments.of(ProtocolVersion.TLSv13, CipherSuite.TLS_CHACHA20_POLY1305_SHA256),
                Arguments.of(ProtocolVersion.TLSv12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
                Arguments.of(ProtocolVersion.TLSv12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
                Arguments.of(ProtocolVersion.TLSv12, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256));
    }

    /**
     * A default-backend crypto that remembers every record cipher BouncyCastle asked it for, and
     * beside each one a twin made by BouncyCastle's own {@link BcTlsCrypto} from the same parameters
     * at the same moment of the handshake: same keys, same implicit nonce.
     */
    static final class RecordingCrypto extends ComposedTlsCrypto {
        final List<TlsCipher> ciphers = new CopyOnWriteArrayList<>();
        final List<TlsCipher> bouncyCastleTwins = new CopyOnWriteArrayList<>();
        private final BcTlsCrypto bouncyCastle = new BcTlsCrypto(new SecureRandom());

        RecordingCrypto() {
            super(new SecureRandom());
        }

        @Override
        public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
                throws IOException {
            TlsCipher cipher = super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
            ciphers.add(cipher);
            bouncyCastleTwins.add(bouncyCastle.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm));
            return cipher;
        }

        /** The cipher protecting application data (the last one made). */
        TlsCipher applicationCipher() {
            return ciphers.get(ciphers.size() - 1);
        }

        TlsCipher applicationCipherTwin() {
            return bouncyCastleTwins.get(bouncyCastleTwins.size() - 1);
        }
    }

    /** A connected default-backend pair whose cryptos recorded their ciphers. */
    private static InMemoryTlsPair connectRecording(RecordingCrypto client, RecordingCrypto server,
            ProtocolVersion version, int suite) throws IOException {
        return InMemoryTlsPair.connect(client, server, version, suite, TestIdentity.of(TestIdentity.KeyType.EC_P256),
                null);
    }

    @ParameterizedTest(name = "{0} suite {1}")
    @MethodSource("versionAndSuite")
    void recordProtectionRunsOnTheJdk(ProtocolVersion version, int suite) throws IOException {
        RecordingCrypto clientCrypto = new RecordingCrypto();
        RecordingCrypto serverCrypto = new RecordingCrypto();
        InMemoryTlsPair pair = InMemoryTlsPair.connect(clientCrypto, serverCrypto, version, suite,
                TestIdentity.of(TestIdentity.KeyType.EC_P256), null);
        byte[] message = "records through SunJCE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertArrayEquals(message, pair.clientToServer(message));

        boolean chacha = TlsUtils.getEncryptionAlgorithm(suite) == EncryptionAlgorithm.CHACHA20_POLY1305;
        for (RecordingCrypto crypto : List.of(clientCrypto, serverCrypto)) {
            // TLS 1.3: handshake and application traffic ciphers; TLS 1.2: one cipher.
            assertEquals(ProtocolVersion.TLSv13.equals(version) ? 2 : 1, crypto.ciphers.size());
            for (TlsCipher cipher : crypto.ciphers) {
                JdkAeadRecordCipher jdk = assertInstanceOf(JdkAeadRecordCipher.class, cipher);
                assertEquals("SunJCE", jdk.providerName());
                assertEquals(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding", jdk.algorithm());
            }
        }
    }

    @ParameterizedTest(name = "{0} suite {1}")
    @MethodSource("versionAndSuite")
    void sameRecordsAsBouncyCastle(ProtocolVersion version, int suite) throws IOException {
        RecordingCrypto clientCrypto = new RecordingCrypto();
        RecordingCrypto serverCrypto = new RecordingCrypto();
        InMemoryTlsPair pair = connectRecording(clientCrypto, serverCrypto, version, suite);
        assertArrayEquals(new byte[] {1, 2, 3}, pair.clientToServer(new byte[] {1, 2, 3}));

        // The connection's own ciphers against BouncyCastle twins keyed from the same handshake.
        TlsCipher jdkClient = clientCrypto.applicationCipher();
        TlsCipher bcClient = clientCrypto.applicationCipherTwin();
        TlsCipher jdkServer = serverCrypto.applicationCipher();
        TlsCipher bcServer = serverCrypto.applicationCipherTwin();
        assertInstanceOf(JdkAeadRecordCipher.class, jdkClient);
        assertFalse(bcClient instanceof JdkAeadRecordCipher, "the reference must be BouncyCastle's own");
        for (int limit : new int[] {0, 1, 16384}) {
            assertEquals(bcClient.getCiphertextEncodeLimit(limit), jdkClient.getCiphertextEncodeLimit(limit));
            assertEquals(bcClient.getCiphertextDecodeLimit(limit), jdkClient.getCiphertextDecodeLimit(limit));
            assertEquals(bcClient.getPlaintextEncodeLimit(limit + 40), jdkClient.getPlaintextEncodeLimit(limit + 40));
            assertEquals(bcClient.getPlaintextDecodeLimit(limit + 40), jdkClient.getPlaintextDecodeLimit(limit + 40));
        }
        assertEquals(bcClient.usesOpaqueRecordTypeEncode(), jdkClient.usesOpaqueRecordTypeEncode());

        Random random = new Random(7);
        long seqNo = 0;
        for (int size : new int[] {0, 1, 15, 16, 17, 255, 1024, 4095, 16384, 5, 16384}) {
            for (short type : new short[] {ContentType.application_data, ContentType.handshake}) {
                if (size == 0 && type != ContentType.application_data) {
                    continue;
                }
                byte[] plaintext = new byte[size + 3];
                random.nextBytes(plaintext);
                seqNo += 1 + random.nextInt(1000);

                byte[] jdkRecord = encode(jdkClient, seqNo, type, plaintext, size);
                byte[] bcRecord = encode(bcClient, seqNo, type, plaintext, size);
                assertArrayEquals(bcRecord, jdkRecord, "record " + seqNo + " of " + size + " bytes, type " + type);

                // Each side opens the other's record.
                short recordType = ProtocolVersion.TLSv13.equals(version) ? ContentType.application_data : type;
                assertDecodes(jdkServer, seqNo, recordType, bcRecord, plaintext, size, type);
                assertDecodes(bcServer, seqNo, recordType, jdkRecord, plaintext, size, type);
            }
        }
    }

    @ParameterizedTest(name = "{0} suite {1}")
    @MethodSource("versionAndSuite")
    void tamperedRecordIsRefusedWithBadRecordMac(ProtocolVersion version, int suite) throws IOException {
        RecordingCrypto clientCrypto = new RecordingCrypto();
        RecordingCrypto serverCrypto = new RecordingCrypto();
        connectRecording(clientCrypto, serverCrypto, version, suite);
        TlsCipher sender = clientCrypto.applicationCipher();
        TlsCipher receiver = serverCrypto.applicationCipher();
        byte[] plaintext = new byte[1003];
        byte[] record = encode(sender, 9, ContentType.application_data, plaintext, 1000);
        for (int position : new int[] {0, 8, record.length / 2, record.length - 1}) {
            byte[] tampered = record.clone();
            tampered[position] ^= 0x01;
            TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> receiver.decodeCiphertext(9,
                    ContentType.application_data, ProtocolVersion.TLSv12, tampered, 0, tampered.length));
            assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription(), () -> "flipped byte " + position + ": " + alert.getCause());
        }
        // Wrong sequence number (replayed or reordered record).
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> receiver.decodeCiphertext(10,
                ContentType.application_data, ProtocolVersion.TLSv12, record.clone(), 0, record.length));
        assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription());
        // Too short to hold a tag.
        alert = assertThrows(TlsFatalAlert.class, () -> receiver.decodeCiphertext(9,
                ContentType.application_data, ProtocolVersion.TLSv12, record.clone(), 0, 10));
        assertEquals(AlertDescription.decode_error, alert.getAlertDescription());
        // And the untouched record still opens.
        TlsDecodeResult decoded = receiver.decodeCiphertext(9, ContentType.application_data,
                ProtocolVersion.TLSv12, record.clone(), 0, record.length);
        assertEquals(1000, decoded.len);
    }

    /**
     * The steady-state record path allocates nothing proportional to the record: a 16 KiB record
     * costs the JCA's own few hundred bytes (parameter spec, cipher state), BouncyCastle's
     * TlsAEADCipher a new 16 KiB array per encrypted record.
     */
    @ParameterizedTest(name = "{0} suite {1}")
    @MethodSource("versionAndSuite")
    void sixteenKilobyteRecordsAllocateLittle(ProtocolVersion version, int suite) throws IOException {
        RecordingCrypto clientCrypto = new RecordingCrypto();
        RecordingCrypto serverCrypto = new RecordingCrypto();
        connectRecording(clientCrypto, serverCrypto, version, suite);
        TlsCipher sender = clientCrypto.applicationCipher();
        TlsCipher receiver = serverCrypto.applicationCipher();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        byte[] plaintext = new byte[16384];
        byte[] readBuffer = new byte[5 + 16384 + 64];
        int records = 200;
        long allocatedBefore = 0;
        for (int round = 0; round < 2; round++) {
            // Round 0 warms up (first buffers, class loading); round 1 measures.
            allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < records; i++) {
                long seqNo = 10 + round * records + i;
                TlsEncodeResult encoded = sender.encodePlaintext(seqNo, ContentType.application_data,
                        ProtocolVersion.TLSv12, 5, plaintext, 0, plaintext.length);
                int length = encoded.len - 5;
                System.arraycopy(encoded.buf, encoded.off + 5, readBuffer, 5, length);
                TlsDecodeResult decoded = receiver.decodeCiphertext(seqNo, ContentType.application_data,
                        ProtocolVersion.TLSv12, readBuffer, 5, length);
                assertEquals(plaintext.length, decoded.len);
            }
        }
        long perRecordPair = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / records;
        assertTrue(perRecordPair < 8192, () -> "encrypting and decrypting one 16 KiB record allocated "
                + perRecordPair + " bytes");
    }

    /**
     * The encode buffer is reused by the thread that had it, never handed to another thread while
     * the first may still be writing its record.
     */
    @Test
    void aRecordInFlightIsNeverOverwrittenByAnotherThread() throws Exception {
        RecordingCrypto clientCrypto = new RecordingCrypto();
        connectRecording(clientCrypto, new RecordingCrypto(), ProtocolVersion.TLSv13,
                CipherSuite.TLS_AES_128_GCM_SHA256);
        TlsCipher cipher = clientCrypto.applicationCipher();
        byte[] plaintext = new byte[1000];

        TlsEncodeResult first = cipher.encodePlaintext(50, ContentType.application_data, ProtocolVersion.TLSv12, 5,
                plaintext, 0, plaintext.length);
        byte[] firstBytes = Arrays.copyOfRange(first.buf, first.off, first.off + first.len);
        TlsEncodeResult[] fromOtherThread = new TlsEncodeResult[1];
        Thread other = new Thread(() -> {
            try {
                fromOtherThread[0] = cipher.encodePlaintext(51, ContentType.application_data,
                        ProtocolVersion.TLSv12, 5, plaintext, 0, plaintext.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        other.join(10_000);
        assertNotSame(first.buf, fromOtherThread[0].buf, "another thread must not get the buffer in flight");
        assertArrayEquals(firstBytes, Arrays.copyOfRange(first.buf, first.off, first.off + first.len),
                "the first thread's record is untouched");

        TlsEncodeResult again = cipher.encodePlaintext(52, ContentType.application_data, ProtocolVersion.TLSv12, 5,
                plaintext, 0, plaintext.length);
        TlsEncodeResult andAgain = cipher.encodePlaintext(53, ContentType.application_data, ProtocolVersion.TLSv12,
                5, plaintext, 0, plaintext.length);
        assertSame(again.buf, andAgain.buf, "one thread writing record after record reuses its buffer");
    }

    /** A tampered record on a live connection: the server fails with bad_record_mac. */
    @Test
    void tamperedRecordOnTheWireFailsTheConnection() throws IOException {
        InMemoryTlsPair pair = InMemoryTlsPair.connect(CryptoBackend.defaultBackend().newTlsCrypto(),
                CryptoBackend.defaultBackend().newTlsCrypto(), ProtocolVersion.TLSv13,
                CipherSuite.TLS_AES_128_GCM_SHA256, TestIdentity.of(TestIdentity.KeyType.EC_P256), null);
        pair.clientToServerFilter = chunk -> {
            chunk[chunk.length - 3] ^= 0x40;
            return chunk;
        };
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> pair.clientToServer(new byte[500]));
        assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription());
    }

    static Stream<Integer> tls13Suites() {
        return Stream.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
    }

    /** TLS 1.3 KeyUpdate re-keys both directions of the JDK ciphers (rekeyEncoder / rekeyDecoder). */
    @ParameterizedTest(name = "suite {0}")
    @MethodSource("tls13Suites")
    void keyUpdateRekeysBothDirections(int suite) throws IOException {
        CryptoBackend backend = CryptoBackend.defaultBackend();
        InMemoryTlsPair pair = InMemoryTlsPair.connect(backend.newTlsCrypto(), backend.newTlsCrypto(),
                ProtocolVersion.TLSv13, suite, TestIdentity.of(TestIdentity.KeyType.EC_P256), null);
        Random random = new Random(3);
        for (int update = 0; update < 3; update++) {
            pair.client.keyUpdate(true);
            pair.pump();
            for (int size : new int[] {1, 20_000}) {
                byte[] message = new byte[size];
                random.nextBytes(message);
                assertArrayEquals(message, pair.clientToServer(message), "after KeyUpdate " + update);
                assertArrayEquals(message, pair.serverToClient(message), "after KeyUpdate " + update);
            }
        }
    }

    /** A suite the JDK path does not take (TLS 1.3 AES-128-CCM) still works through BouncyCastle's. */
    @Test
    void otherAeadSuitesFallBackToBouncyCastle() throws IOException {
        RecordingCrypto crypto = new RecordingCrypto();
        InMemoryTlsPair pair = InMemoryTlsPair.connect(crypto, new RecordingCrypto(), ProtocolVersion.TLSv13,
                CipherSuite.TLS_AES_128_CCM_SHA256, TestIdentity.of(TestIdentity.KeyType.EC_P256), null);
        byte[] message = new byte[40_000];
        new Random(5).nextBytes(message);
        assertArrayEquals(message, pair.clientToServer(message));
        assertFalse(crypto.ciphers.isEmpty());
        crypto.ciphers.forEach(cipher -> assertFalse(cipher instanceof JdkAeadRecordCipher));
    }

    @Test
    void backendsHaveTheirNamesAndShareOneCrypto() {
        CryptoBackend defaultBackend = CryptoBackend.defaultBackend();
        CryptoBackend bc = CryptoBackend.pureBouncyCastle();
        CryptoBackend jca = CryptoBackend.jca(new BouncyCastleProvider());
        assertEquals("default", defaultBackend.name());
        assertEquals("bc", bc.name());
        assertEquals("jca:BC", jca.name());
        assertInstanceOf(ComposedTlsCrypto.class, defaultBackend.newTlsCrypto());
        assertEquals(BcTlsCrypto.class, bc.newTlsCrypto().getClass());
        JcaTlsCrypto jcaCrypto = assertInstanceOf(JcaTlsCrypto.class, jca.newTlsCrypto());
        assertEquals("BC", jcaCrypto.getSecureRandom().getProvider().getName(),
                "random numbers from the given provider");
        assertSame(defaultBackend.newTlsCrypto(), defaultBackend.newTlsCrypto());
        assertNotSame(defaultBackend.newTlsCrypto(), bc.newTlsCrypto());
        assertTrue(JdkAead.AES_GCM.provider() != null && JdkAead.CHACHA20_POLY1305.provider() != null,
                "JDK 17+ has both AEADs in SunJCE");
        assertThrows(NullPointerException.class, () -> CryptoBackend.jca(null));
    }

    /** Encodes one record and returns its protected part (without the 5 header bytes the record layer fills). */
    private static byte[] encode(TlsCipher cipher, long seqNo, short type, byte[] plaintext, int length)
            throws IOException {
        TlsEncodeResult result = cipher.encodePlaintext(seqNo, type, ProtocolVersion.TLSv12, 5, plaintext, 3,
                length);
        return Arrays.copyOfRange(result.buf, result.off + 5, result.off + result.len);
    }

    private static void assertDecodes(TlsCipher cipher, long seqNo, short recordType, byte[] record,
            byte[] plaintext, int length, short expectedType) throws IOException {
        byte[] input = new byte[record.length + 7];
        System.arraycopy(record, 0, input, 7, record.length);
        TlsDecodeResult decoded = cipher.decodeCiphertext(seqNo, recordType, ProtocolVersion.TLSv12, input, 7,
                record.length);
        assertEquals(expectedType, decoded.contentType);
        assertArrayEquals(Arrays.copyOfRange(plaintext, 3, 3 + length),
                Arrays.copyOfRange(decoded.buf, decoded.off, decoded.off + decoded.len));
    }
}
