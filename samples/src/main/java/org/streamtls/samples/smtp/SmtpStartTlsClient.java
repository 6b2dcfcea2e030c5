package org.streamtls.samples.smtp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;

import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.samples.LineReader;
import org.streamtls.tls.TlsClient;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.transport.Connection;
import org.streamtls.transport.TcpConnections;

/**
 * SMTP submission with STARTTLS (RFC 3207): connects in plaintext, reads the greeting, says EHLO,
 * asks for STARTTLS, runs the TLS handshake on the same connection, says EHLO again (the server's
 * capabilities may differ under TLS), and QUITs — printing the whole dialogue ("S: …", "C: …").
 * Nothing is sent before TLS that would need protecting, and no mail is sent.
 *
 * <pre>
 * java -cp streamtls.jar org.streamtls.samples.smtp.SmtpStartTlsClient smtp.example.com
 * java -cp streamtls.jar org.streamtls.samples.smtp.SmtpStartTlsClient localhost 2587 ~/.streamtls/demo/ca.pem
 * </pre>
 *
 * <p>Try it locally against {@link SmtpResponder}.
 */
public final class SmtpStartTlsClient {

    /** The SMTP submission port (RFC 6409). */
    public static final int SUBMISSION_PORT = 587;

    private SmtpStartTlsClient() {
    }

    /**
     * Runs the dialogue.
     *
     * @param host the server; also the name its certificate must cover
     * @param ehloName the name this client gives in EHLO
     * @param config the TLS configuration (trust, versions; its connection options are used for the TCP connect)
     * @param dialogue receives each line sent ("C: …") and received ("S: …"), and a summary of TLS
     * @return what the TLS handshake negotiated
     * @throws SmtpException if the server refuses a step or does not offer STARTTLS
     * @throws IOException if the connection or the TLS handshake fails
     */
    public static TlsSessionInfo run(String host, int port, String ehloName, TlsClientConfig config,
                                     Consumer<String> dialogue) throws IOException {
        Connection plain = TcpConnections.connect(host, port, config.connectionOptions());
        try {
            LineReader lines = new LineReader(plain);
            expect(SmtpReply.read(lines, s -> dialogue.accept("S: " + s)), 220, "greeting");
            command(plain, "EHLO " + ehloName, dialogue);
            SmtpReply ehlo = expect(SmtpReply.read(lines, s -> dialogue.accept("S: " + s)), 250, "EHLO");
            if (!ehlo.hasKeyword("STARTTLS")) {
                throw new SmtpException("the server does not offer STARTTLS in its EHLO reply", ehlo);
            }
            command(plain, "STARTTLS", dialogue);
            expect(SmtpReply.read(lines, s -> dialogue.accept("S: " + s)), 220, "STARTTLS");
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
        // The same TCP connection now carries TLS; StartTLS owns it from here (and closes it on failure).
        try (TlsConnection tls = TlsClient.startTls(plain, host, config)) {
            TlsSessionInfo s = tls.session();
            X509Certificate server = s.peerCertificate().orElseThrow();
            dialogue.accept("-- TLS established: " + s.version().displayName() + " " + s.cipherSuite().name()
                    + "; server certificate " + server.getSubjectX500Principal().getName()
                    + " (trusted " + (s.peerTrusted() ? "yes" : "no") + ", name matches " + host + " "
                    + (s.peerNameMatches() ? "yes" : "no") + ")");
            LineReader lines = new LineReader(tls);
            command(tls, "EHLO " + ehloName, dialogue);
            expect(SmtpReply.read(lines, r -> dialogue.accept("S: " + r)), 250, "EHLO after STARTTLS");
            command(tls, "QUIT", dialogue);
            expect(SmtpReply.read(lines, r -> dialogue.accept("S: " + r)), 221, "QUIT");
            return s;
        }
    }

    private static void command(Connection c, String line, Consumer<String> dialogue) throws IOException {
        dialogue.accept("C: " + line);
        LineReader.sendLine(c, line, true);
    }

    private static SmtpReply expect(SmtpReply reply, int code, String step) throws SmtpException {
        if (reply.code() != code) {
            throw new SmtpException("the server refused " + step + ": expected " + code + ", got " + reply.code()
                    + " " + String.join(" / ", reply.lines()), reply);
        }
        return reply;
    }

    /** {@code SmtpStartTlsClient HOST [PORT [CA-BUNDLE.pem]]}: port 587 and the system trust store by default. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: SmtpStartTlsClient HOST [PORT [CA-BUNDLE.pem]]");
            System.exit(2);
        }
        PrintStream out = System.out;
        try {
            int port = args.length > 1 ? Integer.parseInt(args[1]) : SUBMISSION_PORT;
            TrustAnchors trust = args.length > 2 ? TrustAnchors.pemBundle(Path.of(args[2])) : TrustAnchors.jdkDefaults();
            TlsClientConfig config = TlsClientConfig.builder()
                    .trustVerifier(PkixTrustVerifier.builder().trustAnchors(trust).build()).build();
            run(args[0], port, "streamtls.invalid", config, out::println);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("SmtpStartTlsClient: " + e.getMessage());
            System.exit(1);
        }
    }
}
