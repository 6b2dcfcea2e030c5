package org.streamtls.certstore;

import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * What a client knows when a server asks for its certificate.
 *
 * @param serverName the server's host name, or null
 * @param acceptableIssuers the certificate authorities the server named; empty when it named none
 * @param keyAlgorithms the JCA key algorithms the server can verify: a subset of "RSA", "EC",
 *                      "Ed25519", "Ed448"
 */
public record ClientCertificateRequest(String serverName, List<X500Principal> acceptableIssuers,
                                       Set<String> keyAlgorithms) {

    public ClientCertificateRequest {
        acceptableIssuers = List.copyOf(acceptableIssuers);
        keyAlgorithms = Set.copyOf(keyAlgorithms);
    }
}
