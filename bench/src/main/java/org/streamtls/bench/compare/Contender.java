package org.streamtls.bench.compare;

import java.io.IOException;

/**
 * A TLS stack (or plain TCP) taking part in the comparison: it runs a server in a
 * {@link ServerLoop} and connects clients to it, both held to one {@link Scenario}.
 */
interface Contender {

    /** How long a client waits for any one read before it gives up (a hung run is worse than a failed one). */
    int CLIENT_TIMEOUT_SECONDS = 120;

    /** The name in tables, e.g. "StreamTLS default", "JSSE", "plain TCP". */
    String name();

    /** False for plain TCP (the ceiling), which has no handshake and no scenario. */
    boolean isTls();

    /** Starts a server on 127.0.0.1, a free port, serving each connection with {@code work}. */
    ServerLoop listen(Scenario scenario, ThreadKind threads, ServerLoop.Work work) throws IOException;

    /** Connects to 127.0.0.1:{@code port} and completes the client handshake. */
    Endpoint connect(int port, Scenario scenario) throws IOException;

    /**
     * Full handshakes the server side has done so far (it counts each time it picks its
     * certificate, which a resumed handshake does not do). Plain TCP counts accepted connections.
     */
    long fullHandshakes();
}
