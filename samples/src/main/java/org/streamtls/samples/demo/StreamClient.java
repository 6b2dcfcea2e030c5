package org.streamtls.samples.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.streamtls.samples.LineReader;
import org.streamtls.tls.PeerCertificateAcceptor;
import org.streamtls.tls.TlsClient;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.ShutdownSignal;

/**
 * The demo client (StreamSSL's StreamClient): connects to the {@link StreamServer} and runs the
 * demo dialogue.
 *
 * <ol>
 *   <li>TLS handshake: the server's chain is judged against the demo CA (trusted? name matches?);
 *       when the server asks for a client certificate, the {@link DemoStore}'s is selected.</li>
 *   <li>Sends "Hello from client", receives "Hello from server"; sends "Hello again from client",
 *       receives "Goodbye from server".</li>
 *   <li>"Shutting down TLS": sends close_notify, receives the server's, and keeps the TCP
 *       connection.</li>
 *   <li>Sends two unencrypted blocks with a pause before each (the server's receives time out
 *       meanwhile), receives the server's unencrypted reply, and closes.</li>
 * </ol>
 *
 * <p>Run it alone with {@code java -cp streamtls.jar org.streamtls.samples.demo.StreamClient
 * [HOST [PORT [STORE-DIR]]]} against a running {@link StreamServer}.
 */
public final class StreamClient {

    private StreamClient() {
    }

    /**
     * Runs the dialogue once.
     *
     * @param host where to connect
     * @param serverName the name to send as SNI and to check the certificate against; null for {@code host}
     * @param who the speaker in the transcript, e.g. "Client 1"
     * @param pause the pause before each unencrypted block
     * @throws IOException if anything fails; the message says what
     */
    public static void run(String host, int port, String serverName, DemoStore store, Transcript transcript,
                           String who, Duration pause, ShutdownSignal stop) throws IOException {
        Consumer<String> log = transcript.as(who);
        String name = serverName != null ? serverName : host;
        PeerCertificateAcceptor judge = (chain, decision) -> {
            log.accept("server certificate " + chain.get(0).getSubjectX500Principal().getName() + ": trusted "
                    + (decision.trusted() ? "yes" : "no") + ", name matches " + name + " "
                    + (decision.nameMatches() ? "yes" : "no")
                    + (decision.accepted() ? "" : " (" + decision.summary() + ")"));
            return decision.accepted();
        };
        TlsClientConfig.Builder config = TlsClientConfig.builder()
                .trustVerifier(store.trustVerifier())
                .serverCertificateAcceptable(judge)
                .clientCertificateSelector(store.clientSelector(log))
                .connectionOptions(ConnectionOptions.builder().shutdownSignal(stop)
                        .receiveTimeout(Duration.ofSeconds(10)).build());
        if (serverName != null) {
            config.serverName(serverName);
        }
        log.accept("connecting to " + host + ":" + port + (serverName != null ? " as " + serverName : ""));
        try (TlsConnection tls = TlsClient.connect(host, port, config.build())) {
            TlsSessionInfo s = tls.session();
            log.accept("Connected to " + name + ":" + port + " with " + s.version().displayName().replace("TLSv", "TLS ")
                    + " (" + s.cipherSuite().name() + s.namedGroup().map(g -> ", " + g.name()).orElse("") + ")");
            LineReader lines = new LineReader(tls);
            exchange(tls, lines, "Hello from client", log);
            exchange(tls, lines, "Hello again from client", log);

            log.accept("Shutting down TLS");
            Connection plain = tls.shutdownTls();
            log.accept("TLS is shut down both ways; the TCP connection stays open for plaintext");
            try (plain) {
                for (String block : new String[] {"First unencrypted block from client", "Second unencrypted block from client"}) {
                    log.accept("pausing " + pause.toMillis() + " ms");
                    sleep(pause);
                    log.accept("sending unencrypted \"" + block + "\"");
                    LineReader.sendLine(plain, block, false);
                }
                String reply = new LineReader(plain).readLine();
                if (reply == null) {
                    throw new IOException("the server closed without its unencrypted reply");
                }
                log.accept("received unencrypted \"" + reply + "\"");
                plain.shutdownOutput();
            }
            log.accept("done, connection closed");
        }
    }

    private static void exchange(TlsConnection tls, LineReader lines, String message, Consumer<String> log)
            throws IOException {
        log.accept("sending \"" + message + "\"");
        LineReader.sendLine(tls, message, false);
        String answer = lines.readLine();
        if (answer == null) {
            throw new IOException("the server ended TLS instead of answering \"" + message + "\"");
        }
        log.accept("received \"" + answer + "\"");
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while pausing");
        }
    }

    /** Runs the dialogue once against a running {@link StreamServer}: {@code StreamClient [HOST [PORT [STORE-DIR]]]}. */
    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "localhost";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : StreamServer.DEFAULT_PORT;
        Path folder = args.length > 2 ? Path.of(args[2]) : DemoStore.defaultFolder();
        Transcript transcript = new Transcript(System.out);
        DemoStore store = DemoStore.open(folder, transcript.as("Store"));
        run(host, port, null, store, transcript, "Client", Duration.ofMillis(1500), new ShutdownSignal());
    }
}
