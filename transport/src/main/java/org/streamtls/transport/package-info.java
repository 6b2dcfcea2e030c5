/**
 * Raw TCP for StreamTLS: one {@link org.streamtls.transport.Connection} interface for plain TCP and
 * (in tls-core) TLS, with named timeouts and one deadline per receive; client connects
 * ({@link org.streamtls.transport.TcpConnections}); a {@link org.streamtls.transport.Listener}
 * that serves each connection on its own thread; and a
 * {@link org.streamtls.transport.ShutdownSignal} that cancels every blocked operation at once.
 *
 * <p>Configuration is immutable ({@link org.streamtls.transport.ConnectionOptions}). Errors are
 * {@link java.io.IOException}s that say what happened:
 * {@link org.streamtls.transport.ReceiveTimeoutException} and
 * {@link org.streamtls.transport.SendTimeoutException} (both
 * {@link java.net.SocketTimeoutException}s), {@link org.streamtls.transport.CancelledException},
 * {@link org.streamtls.transport.ConnectionClosedException},
 * {@link org.streamtls.transport.ConnectionResetException} and
 * {@link org.streamtls.transport.ConnectFailedException}. Logging goes through
 * {@link java.lang.System.Logger}. No dependency beyond the JDK.
 */
package org.streamtls.transport;
