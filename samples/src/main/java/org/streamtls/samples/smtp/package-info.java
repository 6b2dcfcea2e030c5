/**
 * SMTP with STARTTLS (RFC 3207): {@link org.streamtls.samples.smtp.SmtpStartTlsClient} upgrades a
 * plaintext SMTP connection to TLS; {@link org.streamtls.samples.smtp.SmtpResponder} is a minimal
 * STARTTLS-capable server to try it, and {@code openssl s_client -starttls smtp}, against.
 */
package org.streamtls.samples.smtp;
