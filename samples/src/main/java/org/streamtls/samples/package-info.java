/**
 * StreamTLS samples: what a newcomer runs first and what a user copies from. The StreamSSL demo
 * ({@link org.streamtls.samples.demo}), the {@code streamtls} command line
 * ({@link org.streamtls.samples.cli}), an HTTPS client ({@link org.streamtls.samples.https}),
 * SMTP with STARTTLS ({@link org.streamtls.samples.smtp}) and length-prefixed messages
 * ({@link org.streamtls.samples.framing}). {@link org.streamtls.samples.LineReader} reads text
 * lines without reading past them, which STARTTLS and plaintext-after-TLS need.
 */
package org.streamtls.samples;
