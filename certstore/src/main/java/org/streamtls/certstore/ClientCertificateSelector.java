package org.streamtls.certstore;

import java.util.Optional;

/**
 * Chooses the client's identity when a server asks for one, from the issuers the server accepts
 * (StreamSSL's SelectClientCertificate).
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ClientCertificateSelector {

    /** The identity to present, or empty to send no certificate. */
    Optional<Identity> select(ClientCertificateRequest request);
}
