/** {@link org.streamtls.samples.https.SimpleClient}: one HTTPS GET, status line, headers and body size. */
package org.streamtls.samples.https;
