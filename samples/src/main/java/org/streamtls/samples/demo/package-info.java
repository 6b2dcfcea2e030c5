/**
 * The StreamSSL demo: {@link org.streamtls.samples.demo.StreamServer} and
 * {@link org.streamtls.samples.demo.StreamClient} run a dialogue of greetings, close_notify and
 * plaintext, telling every step in a {@link org.streamtls.samples.demo.Transcript};
 * {@link org.streamtls.samples.demo.DemoStore} creates their certificates on first use;
 * {@link org.streamtls.samples.demo.Demo} runs it all at once.
 */
package org.streamtls.samples.demo;
