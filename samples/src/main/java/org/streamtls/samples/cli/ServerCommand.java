package org.streamtls.samples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.streamtls.certstore.DefaultServerCertificateSelector;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.ReloadingCertificateStore;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.ServerCertificateSelector;
import org.streamtls.certstore.TrustVerifier;
import org.streamtls.samples.cli.internal.CliContext;
import org.streamtls.samples.cli.internal.Failures;
import org.streamtls.samples.cli.internal.IdentityOptions;
import org.streamtls.samples.cli.internal.ServedConnection;
import org.streamtls.samples.cli.internal.TlsVersionConverter;
import org.streamtls.samples.cli.internal.TrustOption;
import org.streamtls.samples.demo.DemoStore;
import org.streamtls.tls.ClientAuth;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsServer;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.tls.TlsVersion;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Listener;
import org.streamtls.transport.ShutdownSignal;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamtls server}: a TLS server like {@code openssl s_server}. Prints what clients send
 * (and sends them what is typed), or echoes it ({@code --echo}), or answers HTTP GET with a page
 * naming the negotiated protocol, suite and SNI ({@code --www}). Runs until Ctrl-C, or until
 * {@code --accept-count} connections have been served.
 */
@Command(name = "server",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A TLS server like openssl s_server: prints what each client sends (and sends it what you type),",
            "or echoes it (--echo), or answers an HTTP GET with a page naming the protocol, suite and SNI (--www).",
            "Without --cert/--store it presents certificates from the embedded demo store (created on first use),",
            "signed by its CA (trust DIR/ca.pem on the client). Diagnostics go to standard error. Ctrl-C stops it."
        })
final class ServerCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "P", description = "The port to listen on; 0 picks a free one.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The local address to listen on (0.0.0.0 or :: for every interface). Default: ${DEFAULT-VALUE}.")
    String bind;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    IdentityOptions identity;

    @Option(names = "--client-auth", paramLabel = "none|want|need", defaultValue = "none",
            description = "Ask clients for a certificate: none, want (optional) or need (required). Default: ${DEFAULT-VALUE}.")
    ClientAuth clientAuth;

    @Option(names = "--trust", paramLabel = "PEM",
            description = "CA certificates that client certificates must chain to. Default with the embedded store: its CA.")
    String trust;

    @Option(names = "--tls", paramLabel = "1.2|1.3", converter = TlsVersionConverter.class,
            description = "Accept only this TLS version. Default: 1.2 and 1.3.")
    TlsVersion tls;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModeOptions modeOptions;

    static final class ModeOptions {
        @Option(names = "--echo", required = true, description = "Send back whatever a client sends.")
        boolean echo;

        @Option(names = "--www", required = true,
                description = "Answer an HTTP GET with a page naming the negotiated protocol version, suite and SNI.")
        boolean www;
    }

    @Option(names = "--plaintext-after-close",
            description = "When a client ends TLS with close_notify, go on in plaintext on the same TCP connection.")
    boolean plaintextAfterClose;

    @Option(names = "--accept-count", paramLabel = "N",
            description = "Exit after serving N connections (like openssl s_server -naccept). Default: run until Ctrl-C.")
    Integer acceptCount;

    @Option(names = "--demo-store", paramLabel = "DIR",
            description = "Folder of the embedded demo store. Default: ~/.streamtls/demo.")
    Path demoStore;

    ServerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--port': expected a port 0..65535, was " + port);
        }
        if (acceptCount != null && acceptCount < 1) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--accept-count': expected a number >= 1, was " + acceptCount);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--bind': expected a local IP address or host name, was '" + bind + "'");
        }
        if (clientAuth != ClientAuth.NONE && identity != null && trust == null) {
            throw new ParameterException(spec.commandLine(), "Missing option '--trust': '--client-auth "
                    + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                    + "' with --cert or --store needs the CA certificates client certificates must chain to");
        }
        PrintStream err = context.terminal().err();
        ServedConnection.Mode mode = modeOptions == null ? ServedConnection.Mode.PRINT
                : modeOptions.echo ? ServedConnection.Mode.ECHO : ServedConnection.Mode.WWW;

        TlsServerConfig.Builder config = TlsServerConfig.builder();
        TrustVerifier clientVerifier = null;
        if (identity != null) {
            ReloadingCertificateStore store = identity.openStore();
            Identity first = IdentityOptions.first(store);
            err.println("Presenting " + first.leaf().getSubjectX500Principal().getName() + " from " + identity.source()
                    + (store.identities().size() > 1 ? " (" + store.identities().size() + " identities, chosen by SNI)" : ""));
            // By SNI among the store's identities; a client asking for another name still gets the first.
            ServerCertificateSelector selector = DefaultServerCertificateSelector.builder()
                    .store(store).defaultIdentity(first).build();
            config.certificateSelector(selector);
        } else {
            Path folder = demoStore != null ? demoStore : DemoStore.defaultFolder();
            DemoStore store = DemoStore.open(folder, line -> {
                synchronized (err) {
                    err.println(line);
                }
            });
            err.println("Using the embedded demo store in " + store.folder() + " (clients trust "
                    + store.caCertificateFile() + ")");
            config.certificateSelector(store.serverSelector("localhost", line -> {
                synchronized (err) {
                    err.println(line);
                }
            }));
            clientVerifier = store.trustVerifier();
        }
        if (trust != null) {
            clientVerifier = PkixTrustVerifier.builder().trustAnchors(TrustOption.anchors(trust)).build();
        }
        if (clientAuth != ClientAuth.NONE) {
            config.clientAuth(clientAuth).clientTrustVerifier(clientVerifier);
        }
        if (tls != null) {
            config.versions(Set.of(tls));
        }
        TlsServerConfig serverConfig = config.build();

        ShutdownSignal stop = context.stop();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Set<ServedConnection> active = ConcurrentHashMap.newKeySet();
        PrintStream out = context.terminal().out();
        Listener listener = Listener.builder()
                .bindAddress(address)
                .port(port)
                .shutdownSignal(stop)
                .connectionOptions(ConnectionOptions.builder().shutdownSignal(stop)
                        .receiveTimeout(Duration.ofSeconds(30)).build())
                .handler(connection -> {
                    int number = accepted.incrementAndGet();
                    ServedConnection served = new ServedConnection(number, mode,
                            plaintextAfterClose, out, err);
                    served.log("connection from " + connection.remoteAddress().getAddress().getHostAddress() + ":"
                            + connection.remoteAddress().getPort());
                    active.add(served);
                    try {
                        TlsConnection tlsConnection = TlsServer.accept(connection, serverConfig);
                        served.serve(tlsConnection);
                    } catch (CancelledException e) {
                        served.log("stopped: " + e.getMessage());
                    } catch (IOException e) {
                        Failures.print("[#" + number + "] failed: ", e, err);
                    } finally {
                        active.remove(served);
                        if (acceptCount != null && finished.incrementAndGet() >= acceptCount) {
                            done.countDown();
                        }
                    }
                })
                .start();
        ShutdownSignal.Registration onStop = stop.whenSignalled(done::countDown);
        err.println("Listening on " + addressText(listener) + (mode == ServedConnection.Mode.PRINT ? ""
                : mode == ServedConnection.Mode.ECHO ? " (echo)" : " (www)")
                + (plaintextAfterClose ? ", plaintext after close_notify" : ""));
        err.flush();
        if (mode == ServedConnection.Mode.PRINT) {
            startTerminalForwarder(context.terminal().in(), active);
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onStop.close();
            Listener.StopReport report = listener.stop(Duration.ofSeconds(2));
            err.println("Stopped after " + accepted.get() + " connection" + (accepted.get() == 1 ? "" : "s")
                    + (report.forceClosed() > 0 ? " (" + report.forceClosed() + " closed while in use)" : ""));
        }
        return ExitCodes.OK;
    }

    private static String addressText(Listener listener) {
        String host = listener.localAddress().getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + listener.port();
    }

    /** Sends what is typed to every connected client, like openssl s_server. */
    private static void startTerminalForwarder(InputStream in, Set<ServedConnection> active) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    for (ServedConnection c : active) {
                        c.forward(buffer, n);
                    }
                }
            } catch (IOException e) {
                // standard input is gone: nothing more to forward
            }
        }, "streamtls-server-stdin");
        t.setDaemon(true);
        t.start();
    }
}
