package org.streamtls.tls;

import java.io.IOException;
import org.streamtls.transport.Connection;

/**
 * A TLS connection: the same {@link Connection} a plaintext handler uses (send, receive under one
 * deadline, close), plus what the handshake negotiated and the TLS-only operations (StreamSSL's
 * {@code CSSLClient}/{@code CSSLServer} as an {@code ISocketStream}).
 *
 * <p><b>Receiving.</b> Each receive runs under one deadline (the connection's receive timeout, or
 * the deadline begun with {@link #beginReceiveDeadline}), however many records and TCP segments it
 * takes. A receive timeout loses nothing: partial records and decrypted bytes stay buffered, and
 * the next receive goes on. KeyUpdate and NewSessionTicket messages from the peer are handled
 * inside receive. A receive returns -1 only after the peer's close_notify; a TCP end without it
 * throws {@link TruncationException}.
 *
 * <p><b>Sending.</b> {@link #send} encrypts into records of at most the configured maximum record
 * size (2^14 bytes by default); a message that fits is one record.
 *
 * <p><b>Closing.</b> {@link #close()} sends close_notify, waits (bounded by the close_notify
 * timeout) for the peer's, then closes TCP. {@link #shutdownTls()} does the same but hands back the
 * TCP connection for plaintext, and works whichever side started it. {@link #shutdownOutput()}
 * sends close_notify only.
 *
 * <p><b>Errors.</b> Failures are {@link TlsException}s (which say what happened) or the transport's
 * own exceptions; after a TLS failure the connection is closed.
 *
 * <p><b>Thread-safety.</b> One thread may receive while another sends; records are never
 * interleaved, even when an alert is raised while another thread writes. {@link #close()} may be
 * called from any thread.
 */
public interface TlsConnection extends Connection {

    /** What the handshake negotiated and who the peer is. */
    TlsSessionInfo session();

    /**
     * Sends a TLS 1.3 KeyUpdate: our sending keys change; with {@code requestPeerUpdate} the peer
     * is asked to change its own.
     *
     * @throws IllegalStateException if the connection negotiated TLS 1.2 (which has no KeyUpdate)
     * @throws IOException if the connection is closed or the send fails
     */
    void keyUpdate(boolean requestPeerUpdate) throws IOException;

    /**
     * Ends TLS and returns the plaintext connection underneath, on the same TCP socket: sends our
     * close_notify (unless already sent), waits for the peer's (unless already received, which is
     * when {@link #receive} returned -1), and hands back the transport connection with every byte
     * that followed the peer's close_notify still buffered — none lost, none duplicated. Either side
     * may start; the other side sees end of stream, then calls this too.
     *
     * <p>Application data the peer sent before its close_notify stays readable through this
     * connection's {@link #receive}. After this call, this object is closed for TLS, but closing it
     * does not close the returned connection.
     *
     * @throws TlsException if the peer did not send close_notify within the close_notify timeout
     *         (the TCP connection is then closed), or the connection has failed
     * @throws IOException if the connection is closed
     */
    Connection shutdownTls() throws IOException;

    /**
     * Sends close_notify: the peer sees end of stream; receiving goes on until the peer's
     * close_notify. No TCP FIN is sent.
     */
    @Override
    void shutdownOutput() throws IOException;

    /**
     * Sends close_notify, waits for the peer's (at most the close_notify timeout; not at all when
     * another thread is receiving), then closes the TCP connection. Idempotent; never throws for
     * a peer that has gone.
     */
    @Override
    void close() throws IOException;
}
