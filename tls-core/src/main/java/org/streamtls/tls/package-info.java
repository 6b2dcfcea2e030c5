/**
 * TLS 1.2 and 1.3 clients and servers over StreamTLS's transport, with BouncyCastle doing the
 * protocol (the Java form of StreamSSL's {@code CSSLClient} and {@code CSSLServer}).
 *
 * <p><b>Start here.</b> Build a {@link org.streamtls.tls.TlsClientConfig} or
 * {@link org.streamtls.tls.TlsServerConfig} once, then open connections with
 * {@link org.streamtls.tls.TlsClient#connect} (or {@link org.streamtls.tls.TlsClient#startTls} on a
 * connection that already carried plaintext) and {@link org.streamtls.tls.TlsServer#accept} (in a
 * listener's handler, or for STARTTLS). Each gives a {@link org.streamtls.tls.TlsConnection}: the
 * same {@link org.streamtls.transport.Connection} a plaintext handler uses, plus the negotiated
 * {@link org.streamtls.tls.TlsSessionInfo}, KeyUpdate, and close_notify-then-plaintext.
 *
 * <p><b>Strict by default.</b> TLS 1.2 and 1.3 only; AEAD cipher suites with forward secrecy only
 * (nothing else can even be named); the server's chain verified and its name checked, by certstore;
 * the ML-KEM hybrid group offered first; a TCP end without close_notify is
 * {@link org.streamtls.tls.TruncationException}, never a clean end.
 *
 * <p><b>Errors</b> are {@link org.streamtls.tls.TlsException} and its subclasses, which say what
 * happened (the alert and who sent it, the refused certificate with its reasons, the parameter with
 * no common value, the handshake timeout); transport errors (timeouts, cancellation, reset) pass
 * through unchanged.
 *
 * <p>Implementation classes live in {@code org.streamtls.tls.internal} and are not API.
 */
package org.streamtls.tls;
