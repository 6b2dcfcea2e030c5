package org.streamtls.samples.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.streamtls.samples.LineReader;
import org.streamtls.tls.ClientAuth;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsServer;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;
import org.streamtls.transport.ReceiveTimeoutException;
import org.streamtls.transport.ShutdownSignal;

/**
 * The demo server (StreamSSL's StreamServer): listens, and for each client runs the demo dialogue.
 *
 * <ol>
 *   <li>TLS handshake: the certificate for the client's SNI name comes from the {@link DemoStore}
 *       (found or created); a client certificate is requested (optional) and judged against the
 *       demo CA.</li>
 *   <li>Receives "Hello from client", answers "Hello from server"; receives "Hello again from
 *       client", answers "Goodbye from server".</li>
 *   <li>Notices the client's close_notify (TLS ended), ends TLS too and goes on in plaintext on the
 *       same TCP connection, retrying receives that time out while the client pauses, until two
 *       unencrypted blocks have arrived.</li>
 *   <li>Beyond StreamSSL: sends an unencrypted reply, then waits for the client to close.</li>
 * </ol>
 *
 * <p>Every step is a line in the {@link Transcript}. Run it alone with
 * {@code java -cp streamtls.jar org.streamtls.samples.demo.StreamServer [PORT [STORE-DIR]]}, and
 * {@link StreamClient} in another terminal.
 *
 * <p>Thread-safe: each connection is served on its own thread.
 */
public final class StreamServer implements AutoCloseable {

    /** The demo's port, as in StreamSSL. */
    public static final int DEFAULT_PORT = 41000;

    private final Listener listener;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    private StreamServer(Listener listener) {
        this.listener = listener;
    }

    /**
     * Starts listening on the loopback address.
     *
     * @param port the port, 0 for a free one
     * @param pause how long the client pauses between its unencrypted blocks: the server's
     *              plaintext receive timeout is a third of it, so each pause shows "receive timed
     *              out, retrying" lines
     * @param stop stops the server and every connection when signalled
     * @throws IOException if the port cannot be bound
     */
    public static StreamServer start(int port, DemoStore store, Transcript transcript, Duration pause,
                                     ShutdownSignal stop) throws IOException {
        Consumer<String> log = transcript.as("Server");
        TlsServerConfig config = TlsServerConfig.builder()
                .certificateSelector(store.serverSelector("localhost", log))
                .clientAuth(ClientAuth.WANT)
                .clientTrustVerifier(store.trustVerifier())
                .build();
        Duration plaintextTimeout = pause.dividedBy(3);
        StreamServer[] self = new StreamServer[1];
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .port(port)
                .shutdownSignal(stop)
                .connectionOptions(ConnectionOptions.builder().shutdownSignal(stop)
                        .receiveTimeout(Duration.ofSeconds(10)).build())
                .handler(connection -> self[0].serve(connection, config, log, plaintextTimeout))
                .start();
        self[0] = new StreamServer(listener);
        log.accept("listening on " + listener.localAddress().getAddress().getHostAddress() + ":" + listener.port());
        return self[0];
    }

    /** The port it listens on. */
    public int port() {
        return listener.port();
    }

    /** Connections whose dialogue failed so far. */
    public int failures() {
        return failures.get();
    }

    /** Connections whose dialogue completed so far. */
    public int completed() {
        return served.get();
    }

    private void serve(Connection connection, TlsServerConfig config, Consumer<String> log, Duration plaintextTimeout) {
        log.accept("connection from " + connection.remoteAddress().getAddress().getHostAddress() + ":"
                + connection.remoteAddress().getPort());
        try {
            TlsConnection tls = TlsServer.accept(connection, config);
            TlsSessionInfo s = tls.session();
            log.accept("Connected with " + s.version().displayName().replace("TLSv", "TLS ") + " ("
                    + s.cipherSuite().name() + s.namedGroup().map(g -> ", " + g.name()).orElse("") + ")"
                    + s.serverName().map(n -> " for " + n).orElse(""));
            if (s.peerCertificate().isPresent()) {
                X509Certificate c = s.peerCertificate().get();
                log.accept("client certificate " + c.getSubjectX500Principal().getName() + ": trusted "
                        + (s.peerTrusted() ? "yes" : "no"));
            } else {
                log.accept("the client sent no certificate");
            }
            LineReader tlsLines = new LineReader(tls);
            log.accept("received \"" + tlsLines.readLine() + "\"");
            log.accept("sending \"Hello from server\"");
            LineReader.sendLine(tls, "Hello from server", false);
            log.accept("received \"" + tlsLines.readLine() + "\"");
            log.accept("sending \"Goodbye from server\"");
            LineReader.sendLine(tls, "Goodbye from server", false);

            String more = tlsLines.readLine();
            if (more != null) {
                throw new IOException("expected the end of TLS, received \"" + more + "\"");
            }
            log.accept("TLS ended by the client (close_notify received); answering with close_notify");
            Connection plain = tls.shutdownTls();
            log.accept("continuing in plaintext on the same TCP connection");
            plain.setReceiveTimeout(plaintextTimeout);
            LineReader plainLines = new LineReader(plain);
            for (int block = 1; block <= 2; block++) {
                String line = null;
                while (line == null) {
                    try {
                        line = plainLines.readLine();
                        if (line == null) {
                            throw new IOException("the client closed before its unencrypted block " + block);
                        }
                    } catch (ReceiveTimeoutException e) {
                        log.accept("receive timed out, retrying");
                    }
                }
                log.accept("received unencrypted \"" + line + "\"");
            }
            log.accept("sending unencrypted \"Unencrypted reply from server\"");
            LineReader.sendLine(plain, "Unencrypted reply from server", false);
            plain.setReceiveTimeout(Duration.ofSeconds(10));
            if (plainLines.readLine() == null) {
                log.accept("the client closed the connection");
            }
            plain.close();
            served.incrementAndGet();
        } catch (CancelledException e) {
            log.accept("stopped: " + e.getMessage());
        } catch (IOException e) {
            failures.incrementAndGet();
            log.accept("FAILED: " + e.getMessage());
        }
    }

    /** Stops listening and waits (up to 5 s) for connections in progress. */
    @Override
    public void close() {
        listener.stop(Duration.ofSeconds(5));
    }

    /**
     * Runs the demo server alone until Ctrl-C: {@code StreamServer [PORT [STORE-DIR]]}.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        Path folder = args.length > 1 ? Path.of(args[1]) : DemoStore.defaultFolder();
        Transcript transcript = new Transcript(System.out);
        DemoStore store = DemoStore.open(folder, transcript.as("Store"));
        ShutdownSignal stop = new ShutdownSignal();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.signal();
            try {
                stopped.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (StreamServer server = start(port, store, transcript, Duration.ofMillis(1500), stop)) {
            transcript.say("Server", "serving on port " + server.port() + "; press Ctrl-C to stop");
            CountDownLatch signalled = new CountDownLatch(1);
            stop.whenSignalled(signalled::countDown);
            signalled.await();
        } finally {
            stopped.countDown();
        }
    }
}
