/**
 * Whole messages over the TLS byte stream, each framed by its length
 * ({@link org.streamtls.samples.framing.LengthPrefixedMessages}), as Windows' SSPI samples do;
 * {@link org.streamtls.samples.framing.FramedEcho} runs a server and a client.
 */
package org.streamtls.samples.framing;
