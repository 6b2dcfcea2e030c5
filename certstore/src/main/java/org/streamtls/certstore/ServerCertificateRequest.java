package org.streamtls.certstore;

import java.util.Set;

/**
 * What a server knows when it chooses its certificate.
 *
 * @param serverName the SNI host name the client sent (lower case, no trailing dot), or null when
 *                   it sent none
 * @param keyAlgorithms the JCA key algorithms the client can verify a signature from: a subset of
 *                      "RSA", "EC", "Ed25519", "Ed448"
 */
public record ServerCertificateRequest(String serverName, Set<String> keyAlgorithms) {

    public ServerCertificateRequest {
        keyAlgorithms = Set.copyOf(keyAlgorithms);
    }
}
