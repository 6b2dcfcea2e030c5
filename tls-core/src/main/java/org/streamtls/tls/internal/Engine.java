package org.streamtls.tls.internal;

import java.io.IOException;
import org.bouncycastle.tls.TlsContext;

/**
 * What {@link TlsConnectionImpl} needs from BouncyCastle's blocking protocol object, the same for
 * client and server ({@link ClientEngine}, {@link ServerEngine}).
 */
interface Engine {

    /**
     * At least one byte of application data, or -1 after the peer's close_notify: reads whole
     * records from the transport (under its current receive deadline) until BouncyCastle has
     * application data, then copies from BouncyCastle's queue.
     */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** BouncyCastle's writeApplicationData: splits into records of at most 2^14 bytes. */
    void write(byte[] data, int offset, int length) throws IOException;

    /** Decrypted application bytes ready to read without I/O. */
    int available();

    /** Sends our close_notify once (later calls do nothing). */
    void sendCloseNotify() throws IOException;

    /** Sends a TLS 1.3 KeyUpdate. */
    void keyUpdate(boolean requestPeerUpdate) throws IOException;

    /** True once the protocol has ended: close_notify received or a failure. */
    boolean isClosed();

    TlsContext context();

    EngineState state();
}
