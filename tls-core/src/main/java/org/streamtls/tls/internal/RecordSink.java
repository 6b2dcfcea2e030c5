package org.streamtls.tls.internal;

import java.io.IOException;

/**
 * The BouncyCastle protocol hooks {@link RecordReader} needs to hand over whole records after the
 * handshake: the same checks, alerts and failure handling as BouncyCastle's own blocking read
 * ({@code TlsProtocol.safeReadRecord}), reached through its protected methods. Implemented by
 * {@link ClientEngine} and {@link ServerEngine}.
 */
interface RecordSink {

    /**
     * Checks a record header (type, and length against the negotiated limit) as BouncyCastle does
     * before it reads a record's body; on a bad header it sends the fatal alert, fails the
     * connection and throws.
     *
     * @param header the 5 header bytes at offset 0
     * @return the whole record's size: 5 + the header's length field
     */
    int checkHeader(byte[] header) throws IOException;

    /**
     * Decrypts one whole record in place and processes it (application data to the waiting reader or the read queue,
     * alerts, KeyUpdate, close_notify); failures send the alert and fail the connection.
     */
    void processRecord(byte[] record, int offset, int length) throws IOException;

    /**
     * What BouncyCastle does when reading a record fails: nothing for a timeout (the connection
     * stays usable), otherwise a fatal internal_error alert and failure.
     */
    void readFailed(Throwable cause) throws IOException;

    /**
     * The transport ended at a record boundary without close_notify: BouncyCastle's truncation
     * handling (fails with {@code TlsNoCloseNotifyException} unless the peer does not require it).
     */
    void endOfStream() throws IOException;
}
