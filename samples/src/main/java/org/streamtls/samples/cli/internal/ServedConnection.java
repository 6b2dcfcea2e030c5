package org.streamtls.samples.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.transport.Connection;
import org.streamtls.transport.ReceiveTimeoutException;

/**
 * What the {@code server} command does with one TLS connection after the handshake, in one of
 * three modes: print what arrives ({@link Mode#PRINT}, like {@code openssl s_server}), send it
 * back ({@link Mode#ECHO}), or answer one HTTP GET with a page naming the negotiated parameters
 * ({@link Mode#WWW}). With plaintext-after-close, when the client ends TLS with close_notify, the
 * same mode goes on in plaintext on the same TCP connection.
 */
public final class ServedConnection {

    /** The server's behaviour per connection. */
    public enum Mode { PRINT, ECHO, WWW }

    private static final int MAX_REQUEST_HEAD = 16 * 1024;

    private final int number;
    private final Mode mode;
    private final boolean plaintextAfterClose;
    private final PrintStream out;
    private final PrintStream err;
    private volatile Connection current;

    public ServedConnection(int number, Mode mode, boolean plaintextAfterClose, PrintStream out, PrintStream err) {
        this.number = number;
        this.mode = mode;
        this.plaintextAfterClose = plaintextAfterClose;
        this.out = out;
        this.err = err;
    }

    /** One line on standard error, prefixed with the connection number. */
    public void log(String line) {
        synchronized (err) {
            err.println("[#" + number + "] " + line);
            err.flush();
        }
    }

    /**
     * Sends bytes typed at the server's terminal to this client (print mode), on TLS or, after
     * close_notify with plaintext-after-close, in plaintext. Does nothing before the handshake or
     * after the end.
     */
    public void forward(byte[] data, int length) {
        Connection c = current;
        if (c == null) {
            return;
        }
        try {
            c.send(data, 0, length);
        } catch (IOException e) {
            log("cannot send to the client: " + e.getMessage());
        }
    }

    /** Serves the connection until the client ends it. */
    public void serve(TlsConnection tls) throws IOException {
        try {
            serveModes(tls);
        } finally {
            current = null;
        }
    }

    private void serveModes(TlsConnection tls) throws IOException {
        TlsSessionInfo s = tls.session();
        log("handshake done: " + s.version().displayName() + " " + s.cipherSuite().name()
                + s.namedGroup().map(g -> " " + g.name()).orElse("")
                + " sni=" + s.serverName().orElse("(none)")
                + s.applicationProtocol().map(p -> " alpn=" + p).orElse(""));
        if (s.peerCertificate().isPresent()) {
            X509Certificate c = s.peerCertificate().get();
            log("client certificate: " + c.getSubjectX500Principal().getName() + " issued by "
                    + c.getIssuerX500Principal().getName() + (s.peerTrusted() ? " (trusted)" : " (NOT trusted)"));
        } else {
            log("client certificate: none");
        }
        if (mode == Mode.WWW) {
            answerHttp(tls, s);
            tls.close();
            log("answered the HTTP request and closed with close_notify");
            return;
        }
        current = tls;
        pump(tls, "TLS");
        current = null;
        log("the client ended TLS (close_notify received)");
        if (!plaintextAfterClose) {
            tls.close();
            log("closed");
            return;
        }
        Connection plain = tls.shutdownTls();
        current = plain;
        log("TLS shut down both ways; continuing in plaintext on the same TCP connection");
        pump(plain, "plaintext");
        log("the client closed the plaintext connection");
        plain.close();
    }

    /** Receives until the end of the stream, printing or echoing; a receive timeout just retries. */
    private void pump(Connection c, String layer) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            int n;
            try {
                n = c.receive(buffer, 0, buffer.length);
            } catch (ReceiveTimeoutException e) {
                continue;
            }
            if (n < 0) {
                return;
            }
            if (mode == Mode.ECHO) {
                c.send(buffer, 0, n);
                log("echoed " + n + " bytes (" + layer + ")");
            } else {
                synchronized (out) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        }
    }

    private void answerHttp(TlsConnection tls, TlsSessionInfo s) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (indexOfEnd(head.toByteArray()) < 0) {
            int n = tls.receive(buffer, 0, buffer.length);
            if (n < 0) {
                log("the client ended TLS before a complete HTTP request");
                return;
            }
            head.write(buffer, 0, n);
            if (head.size() > MAX_REQUEST_HEAD) {
                respond(tls, "431 Request Header Fields Too Large", "request head larger than 16 KiB\n", "text/plain");
                return;
            }
        }
        String request = head.toString(StandardCharsets.ISO_8859_1);
        String requestLine = request.substring(0, request.indexOf("\r\n") < 0 ? request.indexOf('\n') : request.indexOf("\r\n"));
        log("HTTP request: " + requestLine);
        if (!requestLine.startsWith("GET ")) {
            respond(tls, "405 Method Not Allowed", "only GET is served\n", "text/plain");
            return;
        }
        String clientCert = s.peerCertificate().map(c -> escape(c.getSubjectX500Principal().getName())).orElse("none");
        String page = "<!DOCTYPE html>\n<html><head><title>StreamTLS</title></head><body>\n"
                + "<h1>StreamTLS server</h1>\n<table>\n"
                + row("Protocol", s.version().displayName())
                + row("Cipher suite", s.cipherSuite().name())
                + row("Key exchange", s.namedGroup().map(Enum::name).orElse("(resumed)"))
                + row("SNI", s.serverName().map(ServedConnection::escape).orElse("(none)"))
                + row("ALPN", s.applicationProtocol().map(ServedConnection::escape).orElse("(none)"))
                + row("Client certificate", clientCert)
                + row("Request", escape(requestLine))
                + "</table>\n</body></html>\n";
        respond(tls, "200 OK", page, "text/html; charset=utf-8");
    }

    private static String row(String name, String value) {
        return "<tr><td>" + name + "</td><td>" + value + "</td></tr>\n";
    }

    private static void respond(TlsConnection tls, String status, String body, String type) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String headers = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length
                + "\r\nConnection: close\r\nServer: streamtls\r\n\r\n";
        byte[] h = headers.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        tls.send(all, 0, all.length);
    }

    private static int indexOfEnd(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
