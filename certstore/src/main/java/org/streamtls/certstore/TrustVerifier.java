package org.streamtls.certstore;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a peer's certificate chain is trusted for a purpose, and separately whether it
 * covers the expected name (StreamSSL's getServerCertTrusted and getServerCertNameMatches).
 *
 * <p>Implementations are thread-safe.
 */
public interface TrustVerifier {

    /**
     * @param chain the peer's certificates, leaf first, intermediates in any order
     * @param expectedName the host name or IP literal the peer must be, or null to skip the name check
     *                     (then {@link TrustDecision#nameMatches()} is true)
     * @param purpose server or client authentication
     */
    TrustDecision verify(List<X509Certificate> chain, String expectedName, Purpose purpose);

    /**
     * The default: a {@link PkixTrustVerifier} trusting the JDK's default trust anchors, checking
     * validity at the system clock, revocation not checked (see {@link PkixTrustVerifier}).
     */
    static TrustVerifier defaults() {
        return PkixTrustVerifier.builder().trustAnchors(TrustAnchors.jdkDefaults()).build();
    }
}
