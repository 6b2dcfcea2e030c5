package org.streamtls.samples.https;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.samples.LineReader;
import org.streamtls.tls.TlsClient;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.transport.Connection;

/**
 * Fetches an https:// URL with one HTTP/1.1 GET and prints the status line, the headers and the
 * size of the body — the smallest useful TLS client (StreamSSL's SimpleClient does the same over
 * SCHANNEL).
 *
 * <pre>
 * java -cp streamtls.jar org.streamtls.samples.https.SimpleClient https://www.example.com/
 * java -cp streamtls.jar org.streamtls.samples.https.SimpleClient https://localhost:8443/ ca.pem
 * </pre>
 *
 * <p>The server is verified against the system trust store (the JDK's {@code cacerts}) by default,
 * or against the certificates of a PEM bundle; the host name must match. The body is read as the
 * response says: by Content-Length, chunked, or until the server ends TLS with close_notify (a
 * TCP close without it is reported as truncation, never as a complete body).
 */
public final class SimpleClient {

    /**
     * What the server answered.
     *
     * @param statusLine e.g. "HTTP/1.1 200 OK"
     * @param headers the header lines as received, in order
     * @param bodyBytes the body's size in bytes (after removing chunked framing)
     * @param protocol the TLS version and suite, e.g. "TLSv1.3 TLS_AES_128_GCM_SHA256"
     */
    public record Response(String statusLine, List<String> headers, long bodyBytes, String protocol) {

        public Response {
            headers = List.copyOf(headers);
        }

        /** The status code, e.g. 200. */
        public int statusCode() {
            String[] parts = statusLine.split(" ", 3);
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    private SimpleClient() {
    }

    /**
     * Fetches the URL.
     *
     * @param trust the trust anchors: {@link TrustAnchors#jdkDefaults()} for the system store, or a PEM bundle
     * @throws IllegalArgumentException if the URL is not https://
     * @throws IOException if the connection, the handshake or the response fails (a
     *         {@link org.streamtls.tls.TlsException} says how; an untrusted certificate gives the reasons)
     */
    public static Response fetch(URI url, TrustAnchors trust) throws IOException {
        Objects.requireNonNull(url, "url");
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("expected an https:// URL with a host, was " + url);
        }
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : 443;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        TlsClientConfig config = TlsClientConfig.builder()
                .trustVerifier(PkixTrustVerifier.builder().trustAnchors(trust).build())
                .applicationProtocols(List.of("http/1.1"))
                .build();
        try (TlsConnection tls = TlsClient.connect(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                port, config)) {
            String hostHeader = host + (url.getPort() > 0 ? ":" + port : "");
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader
                    + "\r\nUser-Agent: streamtls-simpleclient\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            byte[] b = request.getBytes(StandardCharsets.US_ASCII);
            tls.send(b, 0, b.length);

            LineReader lines = new LineReader(tls);
            String statusLine = lines.readLine();
            if (statusLine == null || !statusLine.startsWith("HTTP/")) {
                throw new IOException("not an HTTP response from " + url + ": " + statusLine);
            }
            List<String> headers = new ArrayList<>();
            long contentLength = -1;
            boolean chunked = false;
            for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                headers.add(line);
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Long.parseLong(line.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            long body;
            if (chunked) {
                body = readChunked(tls, lines);
            } else if (contentLength >= 0) {
                skipExactly(tls, contentLength);
                body = contentLength;
            } else {
                body = skipToEnd(tls);
            }
            String protocol = tls.session().version().displayName() + " " + tls.session().cipherSuite().name();
            return new Response(statusLine, headers, body, protocol);
        }
    }

    /** Prints the response as the command line does. */
    public static void print(Response response, PrintStream out) {
        out.println(response.statusLine());
        response.headers().forEach(out::println);
        out.println();
        out.println("Body: " + response.bodyBytes() + " bytes (over " + response.protocol() + ")");
    }

    private static long readChunked(Connection c, LineReader lines) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = lines.readLine();
            if (sizeLine == null) {
                throw new IOException("the response ended inside its chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                for (String trailer = lines.readLine(); trailer != null && !trailer.isEmpty(); trailer = lines.readLine()) {
                    // trailers are ignored
                }
                return total;
            }
            skipExactly(c, size);
            total += size;
            lines.readLine();
        }
    }

    private static void skipExactly(Connection c, long n) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = n;
        while (left > 0) {
            int r = c.receive(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("the response ended " + left + " bytes before its announced end");
            }
            left -= r;
        }
    }

    private static long skipToEnd(Connection c) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int r = c.receive(buffer, 0, buffer.length); r >= 0; r = c.receive(buffer, 0, buffer.length)) {
            total += r;
        }
        return total;
    }

    /** {@code SimpleClient URL [CA-BUNDLE.pem]}: exit status 0 on a response, 1 on failure. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SimpleClient https://host[:port]/path [CA-BUNDLE.pem]");
            System.exit(2);
        }
        try {
            TrustAnchors trust = args.length == 2 ? TrustAnchors.pemBundle(Path.of(args[1])) : TrustAnchors.jdkDefaults();
            print(fetch(URI.create(args[0]), trust), System.out);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("SimpleClient: " + e.getMessage());
            System.exit(1);
        }
    }
}
