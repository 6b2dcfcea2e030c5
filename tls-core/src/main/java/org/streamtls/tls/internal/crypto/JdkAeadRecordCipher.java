package org.streamtls.tls.internal.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.TlsImplUtils;

/**
 * TLS 1.2 and TLS 1.3 AEAD record protection (AES-128/256-GCM, ChaCha20-Poly1305) on a JDK
 * {@link Cipher}, so that the JDK's AES-NI/GHASH (and ChaCha20/Poly1305) intrinsics do the work.
 *
 * <p>It produces exactly the records BouncyCastle's {@code TlsAEADCipher} produces (same nonce
 * construction, RFC 5288 explicit nonce = sequence number for TLS 1.2 AES-GCM, RFC 7905 / RFC 8446
 * XOR nonce otherwise; same additional data; same limits) but differs in how it uses memory:
 * <ul>
 *   <li>encryption reads the caller's plaintext and writes the ciphertext straight into a buffer
 *       this cipher keeps and reuses: no per-record array, no plaintext copy, and the buffer never
 *       holds plaintext;</li>
 *   <li>decryption writes into a second reused buffer instead of decrypting in place (the JDK's
 *       AES-GCM copies its whole input when input and output overlap); for ChaCha20-Poly1305 the
 *       ciphertext is first moved to the start of that buffer and decrypted in place there (JDK 17
 *       copies the input twice when it does not start at offset 0).</li>
 * </ul>
 * The per-record allocations left are the JCA's own (parameter spec, cipher state): a few hundred
 * bytes, independent of the record size.
 *
 * <p>Thread-safety: each direction is locked for the duration of one record (BouncyCastle writes
 * alerts from the reading thread without its write lock). A {@link TlsEncodeResult} or
 * {@link TlsDecodeResult} stays valid until the same thread encodes (decodes) the next record:
 * BouncyCastle's {@code RecordStream} writes or copies each one before that, and a buffer is only
 * reused by the thread it was last handed to (another thread gets a new one), so a record being
 * written by one thread is never overwritten by another.
 */
final class JdkAeadRecordCipher implements TlsCipher {

    private static final int NONCE_LENGTH = 12;
    private static final int TLS12_GCM_FIXED_IV_LENGTH = 4;
    private static final int TLS12_GCM_RECORD_IV_LENGTH = 8;
    private static final int TLS13_AAD_LENGTH = 5;
    private static final int TLS12_AAD_LENGTH = 13;
    /** The largest TLSInnerPlaintext / TLSCompressed fragment this cipher sizes its buffers for. */
    private static final int MAX_FRAGMENT = (1 << 14) + 1;

    private final TlsCryptoParameters cryptoParams;
    private final JdkAead aead;
    private final int keySize;
    private final boolean tls13;
    /** The implicit part of the nonce: 4 bytes for TLS 1.2 AES-GCM, 12 otherwise. */
    private final int fixedIvLength;
    /** The explicit nonce carried in each record: 8 bytes for TLS 1.2 AES-GCM, 0 otherwise. */
    private final int recordIvLength;
    private final Direction encrypt;
    private final Direction decrypt;

    /**
     * Keys a new cipher pair from the handshake's security parameters, exactly as BouncyCastle's
     * {@code TlsAEADCipher} does. The caller has checked {@link #supports(TlsCryptoParameters)}.
     */
    JdkAeadRecordCipher(TlsCryptoParameters cryptoParams, JdkAead aead, int keySize) throws IOException {
        SecurityParameters securityParameters = cryptoParams.getSecurityParametersHandshake();
        this.cryptoParams = cryptoParams;
        this.aead = aead;
        this.keySize = keySize;
        this.tls13 = TlsUtils.isTLSv13(securityParameters.getNegotiatedVersion());
        boolean explicitNonce = aead == JdkAead.AES_GCM && !tls13;
        this.fixedIvLength = explicitNonce ? TLS12_GCM_FIXED_IV_LENGTH : NONCE_LENGTH;
        this.recordIvLength = explicitNonce ? TLS12_GCM_RECORD_IV_LENGTH : 0;
        try {
            this.encrypt = new Direction(aead.newCipher(), Cipher.ENCRYPT_MODE, fixedIvLength,
                    tls13 ? TLS13_AAD_LENGTH : TLS12_AAD_LENGTH);
            this.decrypt = new Direction(aead.newCipher(), Cipher.DECRYPT_MODE, fixedIvLength,
                    tls13 ? TLS13_AAD_LENGTH : TLS12_AAD_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }

        boolean isServer = cryptoParams.isServer();
        if (tls13) {
            rekey13(securityParameters, decrypt, !isServer);
            rekey13(securityParameters, encrypt, isServer);
            return;
        }
        // RFC 5246 6.3: client_write_key, server_write_key, client_write_IV, server_write_IV.
        byte[] keyBlock = TlsImplUtils.calculateKeyBlock(cryptoParams, 2 * keySize + 2 * fixedIvLength);
        try {
            Direction client = isServer ? decrypt : encrypt;
            Direction server = isServer ? encrypt : decrypt;
            client.key = aead.newKey(keyBlock, 0, keySize);
            server.key = aead.newKey(keyBlock, keySize, keySize);
            System.arraycopy(keyBlock, 2 * keySize, client.iv, 0, fixedIvLength);
            System.arraycopy(keyBlock, 2 * keySize + fixedIvLength, server.iv, 0, fixedIvLength);
        } finally {
            Arrays.fill(keyBlock, (byte) 0);
        }
    }

    /**
     * Whether this cipher can protect the records of the connection being negotiated: TLS (not
     * DTLS) 1.2 or 1.3, without RFC 9146 connection IDs.
     */
    static boolean supports(TlsCryptoParameters cryptoParams) {
        SecurityParameters securityParameters = cryptoParams.getSecurityParametersHandshake();
        if (securityParameters == null) {
            return false;
        }
        ProtocolVersion version = securityParameters.getNegotiatedVersion();
        return version != null && version.isTLS() && TlsUtils.isTLSv12(version)
                && isEmpty(securityParameters.getConnectionIDLocal())
                && isEmpty(securityParameters.getConnectionIDPeer());
    }

    /** The JCA provider doing the work, for diagnostics and tests. */
    String providerName() {
        return encrypt.cipher.getProvider().getName();
    }

    /** The JCA algorithm doing the work, for diagnostics and tests. */
    String algorithm() {
        return encrypt.cipher.getAlgorithm();
    }

    @Override
    public int getCiphertextDecodeLimit(int plaintextLimit) {
        return plaintextLimit + (tls13 ? 1 : 0) + JdkAead.TAG_LENGTH + recordIvLength;
    }

    @Override
    public int getCiphertextEncodeLimit(int plaintextLimit) {
        return plaintextLimit + (tls13 ? 1 : 0) + JdkAead.TAG_LENGTH + recordIvLength;
    }

    @Override
    public int getPlaintextDecodeLimit(int ciphertextLimit) {
        return ciphertextLimit - JdkAead.TAG_LENGTH - recordIvLength - (tls13 ? 1 : 0);
    }

    @Override
    public int getPlaintextEncodeLimit(int ciphertextLimit) {
        return ciphertextLimit - JdkAead.TAG_LENGTH - recordIvLength - (tls13 ? 1 : 0);
    }

    @Override
    public TlsEncodeResult encodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion,
            int headerAllocation, byte[] plaintext, int plaintextOffset, int plaintextLength) throws IOException {
        synchronized (encrypt) {
            return encode(seqNo, contentType, recordVersion, headerAllocation, plaintext, plaintextOffset,
                    plaintextLength);
        }
    }

    private TlsEncodeResult encode(long seqNo, short contentType, ProtocolVersion recordVersion,
            int headerAllocation, byte[] plaintext, int plaintextOffset, int plaintextLength) throws IOException {
        int innerPlaintextLength = plaintextLength + (tls13 ? 1 : 0);
        int ciphertextLength = recordIvLength + innerPlaintextLength + JdkAead.TAG_LENGTH;
        int recordLength = headerAllocation + ciphertextLength;
        byte[] output = encrypt.buffer(recordLength, headerAllocation + recordIvLength + MAX_FRAGMENT
                + JdkAead.TAG_LENGTH);
        if (output == plaintext) {
            // Never encrypt over our own buffer (nobody does: the record layer passes the caller's data).
            output = new byte[recordLength];
        }

        byte[] nonce = encrypt.nonce(seqNo, null, 0);
        int pos = headerAllocation;
        if (recordIvLength != 0) {
            TlsUtils.writeUint64(seqNo, output, pos);
            pos += recordIvLength;
        }
        short recordType = tls13 ? ContentType.application_data : contentType;
        byte[] additionalData = tls13
                ? encrypt.additionalData13(recordType, recordVersion, ciphertextLength)
                : encrypt.additionalData12(seqNo, recordType, recordVersion, innerPlaintextLength);

        int written;
        try {
            Cipher cipher = encrypt.start(aead, nonce, additionalData);
            if (tls13) {
                // TLSInnerPlaintext = content || ContentType (RFC 8446 5.2), without copying the content.
                written = cipher.update(plaintext, plaintextOffset, plaintextLength, output, pos);
                encrypt.oneByte[0] = (byte) contentType;
                written += cipher.doFinal(encrypt.oneByte, 0, 1, output, pos + written);
            } else {
                written = cipher.doFinal(plaintext, plaintextOffset, plaintextLength, output, pos);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
        if (written != innerPlaintextLength + JdkAead.TAG_LENGTH) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        return new TlsEncodeResult(output, 0, recordLength, recordType);
    }

    @Override
    public TlsDecodeResult decodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion,
            byte[] ciphertext, int ciphertextOffset, int ciphertextLength) throws IOException {
        synchronized (decrypt) {
            return decode(seqNo, recordType, recordVersion, ciphertext, ciphertextOffset, ciphertextLength);
        }
    }

    private TlsDecodeResult decode(long seqNo, short recordType, ProtocolVersion recordVersion,
            byte[] ciphertext, int ciphertextOffset, int ciphertextLength) throws IOException {
        if (getPlaintextDecodeLimit(ciphertextLength) < 0) {
            throw new TlsFatalAlert(AlertDescription.decode_error);
        }
        byte[] nonce = decrypt.nonce(seqNo, ciphertext, ciphertextOffset);
        int encryptionOffset = ciphertextOffset + recordIvLength;
        int encryptionLength = ciphertextLength - recordIvLength;
        int innerPlaintextLength = encryptionLength - JdkAead.TAG_LENGTH;
        byte[] additionalData = tls13
                ? decrypt.additionalData13(recordType, recordVersion, ciphertextLength)
                : decrypt.additionalData12(seqNo, recordType, recordVersion, innerPlaintextLength);
        byte[] output = decrypt.buffer(encryptionLength, MAX_FRAGMENT + JdkAead.TAG_LENGTH);
        if (output == ciphertext) {
            output = new byte[encryptionLength];
        }
        byte[] input = ciphertext;
        int inputOffset = encryptionOffset;
        if (aead == JdkAead.CHACHA20_POLY1305 && inputOffset != 0) {
            // JDK 17's ChaCha20-Poly1305 copies its input twice (about 2 x record size) unless the
            // ciphertext starts at offset 0; it decrypts in place without copying, so move it there.
            System.arraycopy(ciphertext, encryptionOffset, output, 0, encryptionLength);
            input = output;
            inputOffset = 0;
        }

        int written;
        try {
            written = decrypt.start(aead, nonce, additionalData)
                    .doFinal(input, inputOffset, encryptionLength, output, 0);
        } catch (AEADBadTagException | RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
        if (written != innerPlaintextLength) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }

        short contentType = recordType;
        int plaintextLength = innerPlaintextLength;
        if (tls13) {
            // Strip the zero padding and read the true content type (RFC 8446 5.4).
            do {
                if (--plaintextLength < 0) {
                    throw new TlsFatalAlert(AlertDescription.unexpected_message);
                }
            } while (output[plaintextLength] == 0);
            contentType = (short) (output[plaintextLength] & 0xFF);
        }
        return new TlsDecodeResult(output, 0, plaintextLength, contentType);
    }

    @Override
    public void rekeyDecoder() throws IOException {
        synchronized (decrypt) {
            rekey13(cryptoParams.getSecurityParametersConnection(), decrypt, !cryptoParams.isServer());
        }
    }

    @Override
    public void rekeyEncoder() throws IOException {
        synchronized (encrypt) {
            rekey13(cryptoParams.getSecurityParametersConnection(), encrypt, cryptoParams.isServer());
        }
    }

    @Override
    public boolean usesOpaqueRecordTypeDecode() {
        return tls13;
    }

    @Override
    public boolean usesOpaqueRecordTypeEncode() {
        return tls13;
    }

    /** RFC 8446 7.3: key and iv from the current traffic secret of one side. */
    private void rekey13(SecurityParameters securityParameters, Direction direction, boolean serverSecret)
            throws IOException {
        if (!tls13) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        TlsSecret secret = serverSecret
                ? securityParameters.getTrafficSecretServer()
                : securityParameters.getTrafficSecretClient();
        if (secret == null) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        int hash = securityParameters.getPRFCryptoHashAlgorithm();
        byte[] key = TlsCryptoUtils.hkdfExpandLabel(secret, hash, "key", TlsUtils.EMPTY_BYTES, keySize).extract();
        byte[] iv = TlsCryptoUtils.hkdfExpandLabel(secret, hash, "iv", TlsUtils.EMPTY_BYTES, fixedIvLength).extract();
        try {
            direction.key = aead.newKey(key, 0, keySize);
            System.arraycopy(iv, 0, direction.iv, 0, fixedIvLength);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    private static boolean isEmpty(byte[] bytes) {
        return bytes == null || bytes.length == 0;
    }

    /** One direction's cipher, key, implicit nonce and the arrays it reuses for every record. */
    private static final class Direction {
        final Cipher cipher;
        final int mode;
        final byte[] iv;
        final byte[] nonce = new byte[NONCE_LENGTH];
        final byte[] additionalData;
        final byte[] oneByte = new byte[1];
        /** Decryption only: the nonce and key of the previous record. */
        final byte[] lastNonce = new byte[NONCE_LENGTH];
        SecretKey lastKey;
        SecretKey key;
        byte[] buffer;
        Thread bufferOwner;

        Direction(Cipher cipher, int mode, int fixedIvLength, int additionalDataLength) {
            this.cipher = cipher;
            this.mode = mode;
            this.iv = new byte[fixedIvLength];
            this.additionalData = new byte[additionalDataLength];
        }

        Cipher start(JdkAead aead, byte[] recordNonce, byte[] aad) throws GeneralSecurityException {
            if (mode == Cipher.DECRYPT_MODE) {
                if (key == lastKey && Arrays.equals(recordNonce, lastNonce)) {
                    // SunJCE's ChaCha20-Poly1305 refuses the previous key and nonce even to decrypt
                    // (e.g. the same record opened twice); step through a decoy nonce as BouncyCastle does.
                    lastNonce[0] ^= (byte) 0x80;
                    cipher.init(mode, key, aead.parameters(lastNonce));
                }
                System.arraycopy(recordNonce, 0, lastNonce, 0, NONCE_LENGTH);
                lastKey = key;
            }
            cipher.init(mode, key, aead.parameters(recordNonce));
            cipher.updateAAD(aad);
            return cipher;
        }

        /**
         * The nonce of record {@code seqNo}: fixed IV || explicit nonce (TLS 1.2 AES-GCM, explicit part
         * from {@code record} when decrypting, the sequence number when encrypting), else IV XOR the
         * left-padded sequence number.
         */
        byte[] nonce(long seqNo, byte[] record, int recordOffset) {
            if (iv.length == NONCE_LENGTH) {
                System.arraycopy(iv, 0, nonce, 0, NONCE_LENGTH);
                for (int i = 0; i < 8; i++) {
                    nonce[NONCE_LENGTH - 1 - i] ^= (byte) (seqNo >>> (8 * i));
                }
            } else {
                System.arraycopy(iv, 0, nonce, 0, iv.length);
                if (record == null) {
                    TlsUtils.writeUint64(seqNo, nonce, iv.length);
                } else {
                    System.arraycopy(record, recordOffset, nonce, iv.length, NONCE_LENGTH - iv.length);
                }
            }
            return nonce;
        }

        /** RFC 8446 5.2: opaque_type || legacy_record_version || length. */
        byte[] additionalData13(short recordType, ProtocolVersion recordVersion, int ciphertextLength) {
            TlsUtils.writeUint8(recordType, additionalData, 0);
            TlsUtils.writeVersion(recordVersion, additionalData, 1);
            TlsUtils.writeUint16(ciphertextLength, additionalData, 3);
            return additionalData;
        }

        /** RFC 5246 6.2.3.3: seq_num || type || version || length. */
        byte[] additionalData12(long seqNo, short recordType, ProtocolVersion recordVersion, int plaintextLength) {
            TlsUtils.writeUint64(seqNo, additionalData, 0);
            TlsUtils.writeUint8(recordType, additionalData, 8);
            TlsUtils.writeVersion(recordVersion, additionalData, 9);
            TlsUtils.writeUint16(plaintextLength, additionalData, 11);
            return additionalData;
        }

        /**
         * The reused buffer, grown (doubling, up to {@code max}) to hold at least {@code length} bytes.
         * It is reused only by the thread it was last handed to: that thread has finished with the
         * previous record (the record layer writes or copies a result before it asks for the next),
         * while another thread might still be writing it. A different thread gets a new buffer, which
         * becomes the reused one.
         */
        byte[] buffer(int length, int max) {
            Thread caller = Thread.currentThread();
            byte[] current = buffer;
            if (current == null || current.length < length || caller != bufferOwner) {
                int previous = current == null ? 0 : current.length;
                int size = previous >= length ? previous : Math.min(Math.max(length, 2 * previous), max);
                current = new byte[Math.max(size, length)];
                buffer = current;
                bufferOwner = caller;
            }
            return current;
        }
    }
}
