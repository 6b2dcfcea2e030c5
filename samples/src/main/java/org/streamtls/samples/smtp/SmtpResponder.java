package org.streamtls.samples.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.streamtls.samples.LineReader;
import org.streamtls.samples.demo.DemoStore;
import org.streamtls.samples.demo.Transcript;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsServer;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;
import org.streamtls.transport.ReceiveTimeoutException;
import org.streamtls.transport.ShutdownSignal;

/**
 * A minimal STARTTLS-capable SMTP responder, to try {@link SmtpStartTlsClient} and
 * {@code openssl s_client -starttls smtp} locally. It speaks just enough SMTP: the greeting, EHLO
 * (offering STARTTLS until TLS is on), HELO, STARTTLS (RFC 3207: TLS starts on the same connection
 * and the session state is reset), NOOP, RSET, QUIT; MAIL, RCPT and DATA only under TLS (else
 * "530 Must issue a STARTTLS command first"), and the message is discarded. It relays nothing.
 *
 * <pre>
 * java -cp streamtls.jar org.streamtls.samples.smtp.SmtpResponder 2587
 * openssl s_client -starttls smtp -connect localhost:2587 -CAfile ~/.streamtls/demo/ca.pem -crlf
 * </pre>
 *
 * <p>Thread-safe: each connection is served on its own thread. An idle connection is closed after
 * the receive timeout (60 s) with "421".
 */
public final class SmtpResponder implements AutoCloseable {

    /** The receive timeout for each command: an idle client is told 421 and closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Listener listener;

    private SmtpResponder(Listener listener) {
        this.listener = listener;
    }

    /**
     * Starts listening on the loopback address.
     *
     * @param port the port, 0 for a free one
     * @param domain the name the responder gives in its greeting and EHLO reply
     * @param tls the TLS configuration used after STARTTLS
     * @param log one line per event (connections, TLS, commands)
     */
    public static SmtpResponder start(int port, String domain, TlsServerConfig tls, Consumer<String> log)
            throws IOException {
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .port(port)
                .connectionOptions(ConnectionOptions.builder().receiveTimeout(IDLE_TIMEOUT).build())
                .handler(connection -> serve(connection, domain, tls, log))
                .start();
        return new SmtpResponder(listener);
    }

    /** The port it listens on. */
    public int port() {
        return listener.port();
    }

    /** Stops listening; connections in progress get 2 s to finish. */
    @Override
    public void close() {
        listener.stop(Duration.ofSeconds(2));
    }

    private static void serve(Connection plain, String domain, TlsServerConfig tlsConfig, Consumer<String> log)
            throws IOException {
        String peer = plain.remoteAddress().getAddress().getHostAddress() + ":" + plain.remoteAddress().getPort();
        log.accept(peer + " connected");
        Connection c = plain;
        boolean secure = false;
        LineReader lines = new LineReader(c);
        reply(c, "220 " + domain + " ESMTP StreamTLS sample responder");
        try {
            while (true) {
                String line;
                try {
                    line = lines.readLine();
                } catch (ReceiveTimeoutException e) {
                    reply(c, "421 4.4.2 " + domain + " idle too long, closing");
                    log.accept(peer + " idle, closed");
                    return;
                }
                if (line == null) {
                    log.accept(peer + " closed the connection");
                    return;
                }
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                log.accept(peer + (secure ? " (TLS) " : " ") + "C: " + line);
                switch (verb) {
                    case "EHLO":
                        String client = line.length() > 5 ? line.substring(5).trim() : "";
                        if (client.isEmpty()) {
                            reply(c, "501 5.5.4 EHLO needs a domain or address");
                            break;
                        }
                        reply(c, "250-" + domain + " greets " + client);
                        if (!secure) {
                            reply(c, "250-STARTTLS");
                        }
                        reply(c, "250-8BITMIME");
                        reply(c, "250 SIZE 1048576");
                        break;
                    case "HELO":
                        reply(c, "250 " + domain);
                        break;
                    case "STARTTLS":
                        if (secure) {
                            reply(c, "503 5.5.1 TLS is already active");
                            break;
                        }
                        reply(c, "220 2.0.0 Ready to start TLS");
                        TlsConnection tls = TlsServer.accept(c, tlsConfig);
                        c = tls;
                        secure = true;
                        lines = new LineReader(c);
                        log.accept(peer + " TLS established: " + tls.session().summary());
                        break;
                    case "NOOP":
                    case "RSET":
                        reply(c, "250 2.0.0 OK");
                        break;
                    case "MAIL":
                    case "RCPT":
                    case "DATA":
                        if (!secure) {
                            reply(c, "530 5.7.0 Must issue a STARTTLS command first");
                        } else if (verb.equals("DATA")) {
                            reply(c, "354 End data with <CR><LF>.<CR><LF>");
                            int count = 0;
                            for (String data = lines.readLine(); data != null && !data.equals("."); data = lines.readLine()) {
                                count++;
                            }
                            reply(c, "250 2.0.0 OK: message of " + count + " lines accepted and discarded");
                        } else {
                            reply(c, "250 2.1.0 OK");
                        }
                        break;
                    case "QUIT":
                        reply(c, "221 2.0.0 " + domain + " closing connection");
                        log.accept(peer + " QUIT");
                        c.close();
                        return;
                    default:
                        reply(c, "500 5.5.2 Command not recognized");
                }
            }
        } catch (CancelledException e) {
            log.accept(peer + " stopped");
        } catch (IOException e) {
            log.accept(peer + " failed: " + e.getMessage());
        } finally {
            c.close();
        }
    }

    private static void reply(Connection c, String line) throws IOException {
        LineReader.sendLine(c, line, true);
    }

    /**
     * Runs the responder until Ctrl-C: {@code SmtpResponder [PORT [STORE-DIR]]} (port 2587 by
     * default), presenting "localhost" certificates from the demo store; clients trust its CA.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2587;
        Path folder = args.length > 1 ? Path.of(args[1]) : DemoStore.defaultFolder();
        Transcript transcript = new Transcript(System.out);
        DemoStore store = DemoStore.open(folder, transcript.as("Store"));
        TlsServerConfig config = TlsServerConfig.builder()
                .certificateSelector(store.serverSelector("localhost", transcript.as("TLS"))).build();
        CountDownLatch stopped = new CountDownLatch(1);
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(signal::signal));
        signal.whenSignalled(stopped::countDown);
        try (SmtpResponder responder = start(port, "localhost", config, transcript.as("SMTP"))) {
            transcript.say("SMTP", "listening on 127.0.0.1:" + responder.port() + "; clients trust "
                    + store.caCertificateFile() + "; Ctrl-C stops");
            stopped.await();
        }
    }
}
