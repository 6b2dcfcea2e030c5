package org.streamtls.bench.compare;

import java.io.IOException;

/**
 * Full handshakes per second from one client thread: each handshake is a new TCP connection, the
 * whole client handshake, one application byte from the server (so the server's side of the
 * handshake is finished too, and the connection is proven to work), and the client's close.
 */
final class HandshakeRate {

    static final int GREETING = 0x2A;

    private HandshakeRate() {
    }

    /** The server side: send one byte, then wait for the client to close. */
    static ServerLoop.Work greeter() {
        return endpoint -> {
            endpoint.write(new byte[] {(byte) GREETING}, 0, 1);
            BulkTransfer.drain(endpoint);
        };
    }

    /** Runs {@code count} handshakes one after the other; returns handshakes per second and per CPU-second. */
    static Rate run(Contender contender, int port, Scenario scenario, int count) throws IOException {
        byte[] one = new byte[1];
        Rate.Clock clock = Rate.start();
        for (int i = 0; i < count; i++) {
            try (Endpoint endpoint = contender.connect(port, scenario)) {
                endpoint.readFully(one, 0, 1);
                if ((one[0] & 0xFF) != GREETING) {
                    throw new IOException("the server's first byte was " + (one[0] & 0xFF) + ", not " + GREETING);
                }
            }
        }
        return clock.rate(count);
    }
}
