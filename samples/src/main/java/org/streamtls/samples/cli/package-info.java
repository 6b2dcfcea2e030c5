/**
 * The {@code streamtls} command line (picocli): {@code demo}, {@code server}, {@code client},
 * {@code cert create|show} and {@code verify}. {@link org.streamtls.samples.cli.StreamTlsCommand}
 * is the jar's main class and runs a command line in-process with
 * {@link org.streamtls.samples.cli.StreamTlsCommand#execute}; exit statuses are in
 * {@link org.streamtls.samples.cli.ExitCodes}.
 */
package org.streamtls.samples.cli;
