package org.streamtls.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a completed handshake negotiated and who the peer is: protocol version (StreamSSL's
 * {@code GetTlsVersion}), cipher suite, key-exchange group, ALPN protocol, SNI name, the peer's
 * chain with the trust verifier's two verdicts, and whether a TLS 1.2 session was resumed.
 * {@link #summary()} is one line for logs.
 *
 * <p>For a resumed session the peer chain and verdicts are those of the original handshake, and
 * there is no key-exchange group. A server sees the client's chain only when it asked for one
 * ({@link ClientAuth}); a client always sees the server's.
 *
 * <p>Immutable. Made by StreamTLS; the constructor is public only for its implementation package.
 */
public final class TlsSessionInfo {

    private final TlsVersion version;
    private final TlsCipherSuite cipherSuite;
    private final TlsNamedGroup namedGroup;
    private final String applicationProtocol;
    private final String serverName;
    private final List<X509Certificate> peerChain;
    private final boolean peerTrusted;
    private final boolean peerNameMatches;
    private final boolean resumed;

    /**
     * @param namedGroup null when no group was used (a resumed TLS 1.2 session)
     * @param applicationProtocol null when ALPN was not negotiated
     * @param serverName the SNI host name sent (client) or received (server), or null
     */
    public TlsSessionInfo(TlsVersion version, TlsCipherSuite cipherSuite, TlsNamedGroup namedGroup,
                          String applicationProtocol, String serverName, List<X509Certificate> peerChain,
                          boolean peerTrusted, boolean peerNameMatches, boolean resumed) {
        this.version = Objects.requireNonNull(version, "version");
        this.cipherSuite = Objects.requireNonNull(cipherSuite, "cipherSuite");
        this.namedGroup = namedGroup;
        this.applicationProtocol = applicationProtocol;
        this.serverName = serverName;
        this.peerChain = List.copyOf(peerChain);
        this.peerTrusted = peerTrusted;
        this.peerNameMatches = peerNameMatches;
        this.resumed = resumed;
    }

    public TlsVersion version() {
        return version;
    }

    public TlsCipherSuite cipherSuite() {
        return cipherSuite;
    }

    /** The key-exchange group; empty for a resumed TLS 1.2 session. */
    public Optional<TlsNamedGroup> namedGroup() {
        return Optional.ofNullable(namedGroup);
    }

    /** The ALPN protocol both sides agreed on; empty when ALPN was not used. */
    public Optional<String> applicationProtocol() {
        return Optional.ofNullable(applicationProtocol);
    }

    /** The SNI host name the client sent; empty when it sent none (e.g. it connected to an IP address). */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    /** The peer's certificate chain, leaf first; empty when the peer sent none. */
    public List<X509Certificate> peerChain() {
        return peerChain;
    }

    /** The peer's leaf certificate, if it sent one. */
    public Optional<X509Certificate> peerCertificate() {
        return peerChain.isEmpty() ? Optional.empty() : Optional.of(peerChain.get(0));
    }

    /** Whether the trust verifier found the peer's chain trusted (false when there is none). */
    public boolean peerTrusted() {
        return peerTrusted;
    }

    /**
     * Whether the peer's certificate covers the expected name (a client's check of the server). A
     * server checks no name: true there for any client certificate; false when there is none.
     */
    public boolean peerNameMatches() {
        return peerNameMatches;
    }

    /** Whether this connection resumed an earlier TLS 1.2 session. */
    public boolean resumed() {
        return resumed;
    }

    /**
     * One line for logs, e.g. {@code TLSv1.3 TLS_AES_128_GCM_SHA256 X25519 alpn=h2 sni=example.com
     * peer="CN=example.com" trusted name-matches}.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(version.displayName()).append(' ').append(cipherSuite.name());
        sb.append(' ').append(namedGroup == null ? "no-group" : namedGroup.name());
        if (resumed) {
            sb.append(" resumed");
        }
        if (applicationProtocol != null) {
            sb.append(" alpn=").append(applicationProtocol);
        }
        if (serverName != null) {
            sb.append(" sni=").append(serverName);
        }
        if (peerChain.isEmpty()) {
            sb.append(" peer=none");
        } else {
            sb.append(" peer=\"").append(peerChain.get(0).getSubjectX500Principal().getName()).append('"');
            sb.append(peerTrusted ? " trusted" : " untrusted");
            sb.append(peerNameMatches ? " name-matches" : " name-mismatch");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "TlsSessionInfo[" + summary() + "]";
    }
}
