package org.streamtls.samples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

import org.streamtls.transport.ShutdownSignal;

/**
 * The StreamSSL demo in one run: starts {@link StreamServer} on localhost, then two
 * {@link StreamClient}s — one to "localhost", one to the machine's host name — each running the
 * whole dialogue, and tells every step in a {@link Transcript}. Certificates come from the
 * {@link DemoStore}, created on first run. Ends with a summary line; success means both clients and
 * both server connections completed.
 *
 * <p>The second client connects to the loopback address but sends the machine's host name as SNI
 * and checks the certificate against it, so the server selects (or creates) a certificate for that
 * name while nothing listens beyond loopback.
 */
public final class Demo {

    /** The pause before each unencrypted block of the clients. */
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(1500);

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param port the server's port (0 for a free one)
     * @param folder the demo store's folder
     * @param pause the clients' pause before each unencrypted block
     * @return true when every connection completed
     * @throws IOException if the store cannot be opened or the port cannot be bound
     */
    public static boolean run(int port, Path folder, Duration pause, PrintStream out, ShutdownSignal stop)
            throws IOException {
        Transcript transcript = new Transcript(out);
        transcript.say("Demo", "StreamTLS demo: a server and two clients on this machine; certificates in " + folder);
        DemoStore store = DemoStore.open(folder, transcript.as("Store"));
        String hostName = hostName(transcript);
        int clientFailures = 0;
        int completed;
        int serverFailures;
        try (StreamServer server = StreamServer.start(port, store, transcript, pause, stop)) {
            String[][] clients = {{"Client 1", "localhost", null}, {"Client 2", "127.0.0.1", hostName}};
            for (String[] c : clients) {
                try {
                    StreamClient.run(c[1], server.port(), c[2], store, transcript, c[0], pause, stop);
                } catch (IOException e) {
                    clientFailures++;
                    transcript.say(c[0], "FAILED: " + e.getMessage());
                }
            }
            // The server finishes each dialogue when its client closes: wait for both, bounded.
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.completed() + server.failures() < clients.length && System.nanoTime() < end
                    && !stop.isSignalled()) {
                sleep();
            }
            completed = server.completed();
            serverFailures = server.failures();
        }
        boolean ok = clientFailures == 0 && serverFailures == 0 && completed == 2;
        transcript.say("Demo", (ok ? "finished: " : "FAILED: ") + (2 - clientFailures) + " of 2 clients completed, "
                + completed + " of 2 server connections completed" + (serverFailures > 0 ? ", " + serverFailures + " failed" : ""));
        return ok;
    }

    /** This machine's host name in lower case, or "localhost.localdomain" when it cannot be found. */
    static String hostName(Transcript transcript) {
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
            transcript.say("Demo", "this machine's host name is " + name);
            return name;
        } catch (UnknownHostException e) {
            transcript.say("Demo", "this machine's host name cannot be resolved (" + e.getMessage()
                    + "); the second client uses \"localhost.localdomain\" instead");
            return "localhost.localdomain";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
