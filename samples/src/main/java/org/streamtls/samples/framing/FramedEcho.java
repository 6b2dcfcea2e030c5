package org.streamtls.samples.framing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.tls.TlsClient;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsServer;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.transport.Listener;

/**
 * The framing sample end to end: a TLS server that answers each length-prefixed message with the
 * same message, and a client that sends messages of several sizes (empty, a few bytes, one larger
 * than a TLS record) and checks each answer. Certificates are made in memory.
 *
 * <pre>
 * java -cp streamtls.jar org.streamtls.samples.framing.FramedEcho
 * </pre>
 */
public final class FramedEcho {

    /** The largest message either side accepts. */
    public static final int MAX_MESSAGE = 1 << 20;

    private FramedEcho() {
    }

    /**
     * Runs the server and the client once, printing one line per message.
     *
     * @return true when every answer equalled its message
     */
    public static boolean run(List<byte[]> messages, PrintStream out) throws IOException {
        Identity ca = CertificateBuilder.create().commonName("Framing Sample CA").certificateAuthority(0).build();
        Identity server = CertificateBuilder.create().commonName("localhost").addDnsName("localhost")
                .serverAuth().signedBy(ca).build();
        TlsServerConfig serverConfig = TlsServerConfig.builder()
                .certificateSelector(request -> Optional.of(server)).build();
        Listener listener = Listener.builder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .handler(connection -> {
                    try (TlsConnection tls = TlsServer.accept(connection, serverConfig)) {
                        for (byte[] m = LengthPrefixedMessages.receive(tls, MAX_MESSAGE, Duration.ofSeconds(30)); m != null;
                             m = LengthPrefixedMessages.receive(tls, MAX_MESSAGE, Duration.ofSeconds(30))) {
                            LengthPrefixedMessages.send(tls, m);
                        }
                    }
                })
                .start();
        boolean allEqual = true;
        try {
            TlsClientConfig clientConfig = TlsClientConfig.builder()
                    .trustVerifier(PkixTrustVerifier.builder().trustAnchors(TrustAnchors.of(List.of(ca.leaf()))).build())
                    .build();
            try (TlsConnection tls = TlsClient.connect("localhost", listener.port(), clientConfig)) {
                out.println("connected: " + tls.session().summary());
                for (byte[] message : messages) {
                    LengthPrefixedMessages.send(tls, message);
                    byte[] answer = LengthPrefixedMessages.receive(tls, MAX_MESSAGE, Duration.ofSeconds(30));
                    boolean equal = Arrays.equals(message, answer);
                    allEqual &= equal;
                    out.println("sent " + message.length + " bytes, received " + (answer == null ? "nothing" : answer.length
                            + " bytes") + (equal ? ", identical" : ", DIFFERENT"));
                }
            }
        } finally {
            listener.stop(Duration.ofSeconds(2));
        }
        return allEqual;
    }

    /** Sends an empty message, a short text and 100 000 bytes (several TLS records). */
    public static void main(String[] args) throws IOException {
        byte[] large = new byte[100_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        boolean ok = run(List.of(new byte[0], "hello, framed world".getBytes(StandardCharsets.UTF_8), large), System.out);
        System.exit(ok ? 0 : 1);
    }
}
