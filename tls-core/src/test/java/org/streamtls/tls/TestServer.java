package org.streamtls.tls;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;

/**
 * Our TLS server on 127.0.0.1 for one test: a {@link Listener} whose handler runs the server
 * handshake and then the test's session code, and reports how each connection ended.
 */
final class TestServer implements AutoCloseable {

    /** What the server does with one TLS connection. */
    interface Session {
        void serve(TlsConnection connection) throws Exception;
    }

    private static final Object OK = new Object();

    private final Listener listener;
    private final BlockingQueue<Object> results = new LinkedBlockingQueue<>();

    private TestServer(TlsServerConfig config, ConnectionOptions options, Session session) throws Exception {
        this.listener = Listener.builder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .connectionOptions(options)
                .handler(connection -> {
                    try (TlsConnection tls = TlsServer.accept(connection, config)) {
                        session.serve(tls);
                        results.add(OK);
                    } catch (Throwable t) {
                        results.add(t);
                    }
                })
                .start();
    }

    static TestServer start(TlsServerConfig config, Session session) throws Exception {
        return new TestServer(config, ConnectionOptions.builder().receiveTimeout(Duration.ofSeconds(10))
                .sendTimeout(Duration.ofSeconds(10)).build(), session);
    }

    static TestServer start(TlsServerConfig config, ConnectionOptions options, Session session) throws Exception {
        return new TestServer(config, options, session);
    }

    int port() {
        return listener.port();
    }

    /** Waits until no handler runs any more (every connection's thread has returned); false after 5 s. */
    boolean awaitIdle() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listener.connectionsInProgress() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** How the next connection ended: null when the session code returned normally. */
    Throwable awaitResult() throws InterruptedException {
        Object r = results.poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the server reported nothing within 20 s");
        }
        return r == OK ? null : (Throwable) r;
    }

    /** Fails the test with the server's exception, if it had one. */
    void assertServedOk() throws Exception {
        Throwable t = awaitResult();
        if (t != null) {
            throw new AssertionError("server side failed: " + t, t);
        }
    }

    @Override
    public void close() {
        listener.stop(Duration.ofMillis(500));
    }
}
