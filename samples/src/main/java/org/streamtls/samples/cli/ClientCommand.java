package org.streamtls.samples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.streamtls.certstore.ClientCertificateSelector;
import org.streamtls.certstore.DefaultClientCertificateSelector;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.TrustDecision;
import org.streamtls.samples.cli.internal.CliContext;
import org.streamtls.samples.cli.internal.DurationConverter;
import org.streamtls.samples.cli.internal.Failures;
import org.streamtls.samples.cli.internal.HostPort;
import org.streamtls.samples.cli.internal.IdentityOptions;
import org.streamtls.samples.cli.internal.TlsVersionConverter;
import org.streamtls.samples.cli.internal.TrustOption;
import org.streamtls.tls.PeerCertificateAcceptor;
import org.streamtls.tls.TlsClient;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsException;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.tls.TlsVersion;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.ReceiveTimeoutException;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamtls client}: a TLS client like {@code openssl s_client}. Standard input goes to the
 * server, what the server sends goes to standard output, and the handshake summary and the
 * certificate verdict go to standard error. At the end of standard input it sends what is left,
 * waits for the reply until the server has been silent for the receive timeout, then closes with
 * close_notify.
 */
@Command(name = "client",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A TLS client like openssl s_client: standard input goes to the server, what the server sends goes to",
            "standard output, the handshake summary and the certificate verdict go to standard error.",
            "At the end of standard input it waits for the reply (until the server is silent for --receive-timeout),",
            "then closes with close_notify. Exit status 1 with the reason when the handshake fails."
        })
final class ClientCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
            description = "The server, e.g. localhost:8443 or [::1]:8443.")
    HostPort server;

    @Option(names = "--sni", paramLabel = "NAME",
            description = "Send this name as SNI and check the certificate against it. Default: HOST.")
    String sni;

    @Option(names = "--trust", paramLabel = "PEM|system", defaultValue = "system",
            description = "Trust anchors for the server's chain: a PEM bundle or 'system' (the JDK's). Default: ${DEFAULT-VALUE}.")
    String trust;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    IdentityOptions identity;

    @Option(names = "--tls", paramLabel = "1.2|1.3", converter = TlsVersionConverter.class,
            description = "Offer only this TLS version. Default: 1.2 and 1.3.")
    TlsVersion tls;

    @Option(names = "--alpn", paramLabel = "P1,P2", split = ",", description = "ALPN protocols to offer, e.g. h2,http/1.1.")
    List<String> alpn;

    @Option(names = "--receive-timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "After the end of standard input, close once the server has been silent this long"
                    + " (500ms, 2s, PT1M). Default: ${DEFAULT-VALUE}.")
    Duration receiveTimeout;

    @Option(names = "--insecure-accept-any",
            description = "INSECURE: go on whatever the server's certificate (the verdict is still printed). For tests only.")
    boolean insecureAcceptAny;

    ClientCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = context.terminal().err();
        AtomicReference<TrustDecision> verdict = new AtomicReference<>();
        PeerCertificateAcceptor judge = (chain, decision) -> {
            verdict.set(decision);
            return insecureAcceptAny || (decision.trusted() && decision.nameMatches());
        };
        TlsClientConfig.Builder config = TlsClientConfig.builder()
                .trustVerifier(PkixTrustVerifier.builder().trustAnchors(TrustOption.anchors(trust)).build())
                .serverCertificateAcceptable(judge)
                .connectionOptions(ConnectionOptions.builder().shutdownSignal(context.stop()).build());
        if (sni != null) {
            config.serverName(sni);
        }
        if (tls != null) {
            config.versions(Set.of(tls));
        }
        if (alpn != null) {
            config.applicationProtocols(alpn);
        }
        if (identity != null) {
            ClientCertificateSelector chooser = DefaultClientCertificateSelector.builder()
                    .store(identity.openStore()).build();
            ClientCertificateSelector selector = request -> {
                Optional<Identity> chosen = chooser.select(request);
                err.println("Server asked for a client certificate"
                        + (request.acceptableIssuers().isEmpty() ? " (no issuer list)" : " from " + request.acceptableIssuers())
                        + "; " + chosen.map(id -> "sending " + id.leaf().getSubjectX500Principal().getName())
                                .orElse("none of ours is usable (expired, or not for client authentication): sending none"));
                return chosen;
            };
            config.clientCertificateSelector(selector);
        }

        TlsConnection connection;
        err.println("Connecting to " + server + (sni != null ? " (SNI " + sni + ")" : "") + "...");
        try {
            connection = TlsClient.connect(server.host(), server.port(), config.build());
        } catch (TlsException e) {
            Failures.print("streamtls client: handshake with " + server + " failed: ", e, err);
            return ExitCodes.FAILED;
        }
        try (TlsConnection c = connection) {
            printSummary(c.session(), verdict.get(), err);
            return exchange(c, err);
        }
    }

    private void printSummary(TlsSessionInfo s, TrustDecision decision, PrintStream err) {
        err.println("Connected to " + server + ": " + s.version().displayName() + " " + s.cipherSuite().name()
                + s.namedGroup().map(g -> " " + g.name()).orElse("")
                + s.applicationProtocol().map(p -> " alpn=" + p).orElse("")
                + (s.resumed() ? " (resumed)" : ""));
        if (s.peerCertificate().isPresent()) {
            X509Certificate leaf = s.peerCertificate().get();
            err.println("Server certificate: " + leaf.getSubjectX500Principal().getName() + " issued by "
                    + leaf.getIssuerX500Principal().getName() + ", valid until " + leaf.getNotAfter().toInstant());
        }
        err.println("Verdict: trusted " + (s.peerTrusted() ? "yes" : "no") + ", name matches "
                + (s.peerNameMatches() ? "yes" : "no"));
        if (decision != null && !decision.accepted()) {
            err.println("WARNING: the certificate was accepted only because of --insecure-accept-any:");
            Failures.printReasons(decision, err);
        }
    }

    /**
     * Standard input to the server, the server to standard output; at the end of standard input,
     * waits until the server is silent for the receive timeout (or ends TLS), then sends close_notify.
     */
    private int exchange(TlsConnection c, PrintStream err) throws IOException {
        PrintStream out = context.terminal().out();
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        AtomicReference<IOException> readFailure = new AtomicReference<>();
        // Short receive calls: the reader notices the end and a stop signal quickly.
        c.setReceiveTimeout(Duration.ofMillis(200));
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
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
                    synchronized (out) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                    lastActivity.set(System.nanoTime());
                }
            } catch (IOException e) {
                readFailure.set(e);
            }
        }, "streamtls-client-reader");
        reader.setDaemon(true);
        reader.start();

        InputStream in = context.terminal().in();
        AtomicLong stdinEnded = new AtomicLong(0);
        AtomicReference<IOException> sendFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    c.send(buffer, 0, n);
                    lastActivity.set(System.nanoTime());
                }
            } catch (IOException e) {
                if (c.isOpen()) {
                    sendFailure.set(e);
                }
            } finally {
                lastActivity.set(System.nanoTime());
                stdinEnded.set(1);
            }
        }, "streamtls-client-stdin");
        writer.setDaemon(true);
        writer.start();
        // Until the server ends TLS, or standard input has ended and the server has been silent long enough.
        while (reader.isAlive() && sendFailure.get() == null
                && (stdinEnded.get() == 0 || System.nanoTime() - lastActivity.get() < receiveTimeout.toNanos())) {
            try {
                reader.join(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (sendFailure.get() != null) {
            Failures.print("streamtls client: sending to " + server + " failed: ", sendFailure.get(), err);
            return ExitCodes.FAILED;
        }
        boolean serverEnded = !reader.isAlive();
        if (readFailure.get() != null) {
            Failures.print("streamtls client: connection to " + server + " failed: ", readFailure.get(), err);
            return ExitCodes.FAILED;
        }
        if (serverEnded) {
            err.println("The server ended TLS (close_notify received)");
        }
        // Our close_notify; the reader sees the server's, bounded by the close_notify timeout.
        try {
            c.shutdownOutput();
        } catch (IOException e) {
            if (!serverEnded) {
                Failures.print("streamtls client: sending close_notify to " + server + " failed: ", e, err);
                return ExitCodes.FAILED;
            }
            // The server had ended TLS and may already have closed TCP: ours is a courtesy.
        }
        try {
            reader.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (readFailure.get() != null) {
            Failures.print("streamtls client: connection to " + server + " failed: ", readFailure.get(), err);
            return ExitCodes.FAILED;
        }
        err.println(reader.isAlive() ? "Closed (the server did not answer close_notify)" : "Closed with close_notify");
        return ExitCodes.OK;
    }
}
