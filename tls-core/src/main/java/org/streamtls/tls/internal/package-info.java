/**
 * Implementation of {@code org.streamtls.tls}, not API: BouncyCastle's blocking protocol objects
 * adapted to the transport (never closing it on close_notify, one write lock for every record,
 * whole records read by StreamTLS after the handshake and decoded from one reusable buffer), the
 * client and server peers that answer BouncyCastle's questions from the configurations, the TLS 1.2
 * session cache, the signing credentials, and the translation of failures into StreamTLS's errors.
 */
package org.streamtls.tls.internal;
