package org.streamtls.bench;

import java.io.IOException;

/**
 * Runs complete in-memory handshakes of one configuration (stack, {@link HandshakeKind}, server key)
 * and checks each one: the version negotiated, and that a full handshake verified the server's chain
 * while a resumed one did resume. Not thread-safe.
 */
interface HandshakeDriver {

    /**
     * One handshake, from the client's first message to both sides being ready for application data.
     *
     * @return a value of the negotiated session, for the benchmark to consume
     * @throws IllegalStateException if the handshake did not go as configured
     */
    int handshake() throws IOException;
}
