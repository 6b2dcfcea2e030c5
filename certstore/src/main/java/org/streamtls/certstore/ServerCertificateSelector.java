package org.streamtls.certstore;

import java.util.Optional;

/**
 * Chooses the server's identity for one handshake, from the name the client asked for (SNI) and
 * the key types it can verify (StreamSSL's SelectServerCert).
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ServerCertificateSelector {

    /** The identity to present, or empty when there is none (the handshake then fails). */
    Optional<Identity> select(ServerCertificateRequest request);
}
