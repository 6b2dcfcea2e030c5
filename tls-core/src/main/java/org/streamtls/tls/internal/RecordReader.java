package org.streamtls.tls.internal;

import java.io.EOFException;
import java.io.IOException;
import java.lang.ref.WeakReference;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsProtocol;
import org.streamtls.transport.Connection;

/**
 * Reads whole TLS records from the transport after the handshake and hands each to BouncyCastle
 * in one piece ({@code safeReadFullRecord}), which decodes the record from where it lies: one
 * reusable buffer per connection instead of BouncyCastle's blocking read, which allocates a new
 * array for every record's body. The buffer grows to the largest record seen (at most
 * {@link #MAX_RECORD_SIZE}) and is kept while records keep coming. When the next record has not
 * begun to arrive (nothing buffered in the transport), the reader waits for it with only a header's
 * worth and holds the buffer weakly: an idle connection's buffer goes at the next garbage
 * collection, while a busy one (whose next record was simply not read yet: a stream read in
 * record-sized pieces meets this at most record boundaries) takes the same buffer back for the next
 * record instead of allocating one per record.
 *
 * <p>It receives exactly up to the end of the current record, never past it: bytes that follow
 * (plaintext after close_notify) stay in the transport's buffer. A receive that times out keeps
 * the part of the record already received here, and the next call resumes it. Errors take the
 * same path as in BouncyCastle's own read ({@link RecordSink}).
 *
 * <p>Not thread-safe: used by the one receiving thread (under the connection's receive lock).
 */
final class RecordReader {

    static final int HEADER_SIZE = 5;

    /**
     * The largest record TLS allows at all (RFC 5246 section 6.2.3: 2^14 + 2048 bytes of
     * ciphertext): the growth cap of the buffer. The negotiated limit, smaller, is checked by
     * BouncyCastle on each header before the body is read.
     */
    static final int MAX_RECORD_SIZE = HEADER_SIZE + (1 << 14) + 2048;

    private final EngineState state;
    private final Connection transport;
    private final RecordSink sink;

    /** Where an idle connection waits for the next header: the record buffer is held weakly meanwhile. */
    private final byte[] headerOnly = new byte[HEADER_SIZE];
    private byte[] buffer = headerOnly;
    /** The record buffer while waiting for the next record, held weakly (see the class comment). */
    private WeakReference<byte[]> idleBuffer;
    /** Bytes [0, have) of the current record are received; its size is need (0 until the header is in). */
    private int have;
    private int need;

    /** The array of the caller waiting in {@link #readApplicationData}, or null; see {@link #deliver}. */
    private byte[] target;
    private int targetOffset;
    private int targetLength;
    private int delivered;

    RecordReader(EngineState state, RecordSink sink) {
        this.state = state;
        this.transport = state.transport;
        this.sink = sink;
    }

    /**
     * Reads records until there is application data for the caller: straight from the record into
     * its array ({@link #deliver}), or from BouncyCastle's queue when bytes wait there already (the
     * rest of a record larger than the caller's array); -1 or the failure once closed with the queue
     * empty, as BouncyCastle does.
     */
    int readApplicationData(TlsProtocol protocol, byte[] buffer, int offset, int length)
            throws IOException {
        if (length < 1) {
            return 0;
        }
        if (protocol.applicationDataAvailable() == 0 && !protocol.isClosed()) {
            target = buffer;
            targetOffset = offset;
            targetLength = length;
            delivered = 0;
            try {
                do {
                    readRecord();
                } while (delivered == 0 && protocol.applicationDataAvailable() == 0 && !protocol.isClosed());
            } finally {
                target = null;
            }
            if (delivered > 0) {
                return delivered;
            }
        }
        return protocol.readApplicationData(buffer, offset, length);
    }

    /**
     * The content of a record just decrypted, before BouncyCastle queues it: application data for
     * a caller waiting in {@link #readApplicationData} is copied straight into the caller's array
     * (instead of into BouncyCastle's queue and from there into the caller's array). Called by the
     * engine's {@code processRecord}, the last step of processing a record.
     *
     * @return how many bytes were taken, from the start; the engine hands the rest (all of it when
     *         0, and every other content type) to BouncyCastle
     */
    int deliver(short contentType, byte[] data, int offset, int length) {
        if (contentType != ContentType.application_data || target == null || delivered > 0) {
            return 0;
        }
        int n = Math.min(length, targetLength);
        System.arraycopy(data, offset, target, targetOffset, n);
        delivered = n;
        return n;
    }

    /**
     * Receives the rest of the current record under the transport's receive deadline and hands it
     * to BouncyCastle. Returns having processed one record, or the stream's end.
     */
    void readRecord() throws IOException {
        if (have == 0 && buffer != headerOnly && transport.buffered() == 0) {
            // About to wait, perhaps long: hold a record's worth only weakly meanwhile.
            if (idleBuffer == null || idleBuffer.get() != buffer) {
                idleBuffer = new WeakReference<>(buffer);
            }
            buffer = headerOnly;
        }
        try {
            if (have < HEADER_SIZE && !fill(HEADER_SIZE)) {
                if (have == 0) {
                    sink.endOfStream();
                    return;
                }
                throw new EOFException("TLS record header cut off after " + have + " of " + HEADER_SIZE + " bytes");
            }
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
        if (need == 0) {
            int size = sink.checkHeader(buffer);
            if (size > buffer.length) {
                grow(size);
            }
            need = size;
        }
        try {
            if (!fill(need)) {
                throw new EOFException("TLS record cut off after " + have + " of " + need + " bytes");
            }
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
        int size = need;
        have = 0;
        need = 0;
        sink.processRecord(buffer, 0, size);
    }

    /** Receives until {@code have == target}; false at the end of the stream. */
    private boolean fill(int target) throws IOException {
        while (have < target) {
            int n = transport.receive(buffer, have, target - have);
            if (n < 0) {
                state.peerEndedStream = true;
                return false;
            }
            have += n;
        }
        return true;
    }

    private void grow(int size) {
        byte[] kept = idleBuffer == null ? null : idleBuffer.get();
        byte[] bigger = kept != null && kept.length >= size
                ? kept
                : new byte[Math.max(size, Math.min(2 * buffer.length, MAX_RECORD_SIZE))];
        System.arraycopy(buffer, 0, bigger, 0, have);
        buffer = bigger;
    }

    /** As BouncyCastle's safeReadRecord: a timeout keeps the partial record; anything else fails the connection. */
    private IOException failed(Exception e) throws IOException {
        sink.readFailed(e);
        if (e instanceof IOException io) {
            return io;
        }
        return new TlsFatalAlert(AlertDescription.internal_error, e);
    }
}
