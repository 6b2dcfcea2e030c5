package org.streamtls.tls.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.streamtls.tls.TlsClientConfig;
import org.streamtls.tls.TlsConnection;
import org.streamtls.tls.TlsServerConfig;
import org.streamtls.tls.TlsSessionInfo;
import org.streamtls.tls.TlsTimeouts;
import org.streamtls.transport.Connection;
import org.streamtls.transport.Deadline;

/**
 * Runs the client or server handshake over a transport connection under the handshake deadline,
 * and wraps the result as a {@link TlsConnection}. On any failure the transport is closed before
 * the error is thrown: no socket outlives a failed handshake.
 */
public final class Handshakes {

    private static final System.Logger LOG = System.getLogger("org.streamtls.tls");

    private Handshakes() {
    }

    /**
     * @param name the host name or IP literal the server must be (certificate check); sent as SNI
     *             unless it is an IP literal
     */
    public static TlsConnection client(Connection transport, String name, TlsClientConfig config, SessionCache cache)
            throws IOException {
        String expected = normalise(name);
        String sni = isIpLiteral(expected) ? null : expected;
        String peer = "server " + expected + " (" + text(transport.remoteAddress()) + ")";
        String cacheKey = expected + "|" + text(transport.remoteAddress());
        Outcome outcome = new Outcome();
        EngineState state = new EngineState(transport);
        return run(state, config.timeouts(), config.maxRecordSize(), outcome, peer, () -> {
            ClientEngine engine = new ClientEngine(state);
            engine.connect(new ClientPeer(config.cryptoBackend().newTlsCrypto(), config, cache, cacheKey, expected,
                    sni, outcome));
            return engine;
        });
    }

    public static TlsConnection server(Connection transport, TlsServerConfig config, SessionCache cache,
                                       CertificateAuthorities authorities) throws IOException {
        String peer = "client " + text(transport.remoteAddress());
        Outcome outcome = new Outcome();
        EngineState state = new EngineState(transport);
        return run(state, config.timeouts(), config.maxRecordSize(), outcome, peer, () -> {
            ServerEngine engine = new ServerEngine(state);
            engine.accept(new ServerPeer(config.cryptoBackend().newTlsCrypto(), config, cache, authorities, outcome));
            return engine;
        });
    }

    /** A handshake, blocking under one total deadline. */
    private interface Handshake {
        Engine run() throws IOException;
    }

    /**
     * Runs {@code handshake} under the handshake deadline; on failure closes the transport and
     * reports what happened in StreamTLS's terms.
     */
    private static TlsConnection run(EngineState state, TlsTimeouts timeouts, int maxRecordSize, Outcome outcome,
                                     String peer, Handshake handshake) throws IOException {
        Connection transport = state.transport;
        try {
            Engine engine;
            transport.beginReceiveDeadline(Deadline.after(timeouts.handshake()));
            try {
                engine = handshake.run();
                state.output.stopGathering(); // our last flight (the client's Finished, a TLS 1.2 server's)
            } finally {
                transport.endReceiveDeadline();
            }
            return connected(engine, outcome, timeouts, maxRecordSize, peer);
        } catch (IOException e) {
            closeQuietly(transport);
            throw Errors.translate(e, outcome, true, state.peerEndedStream, timeouts.handshake(), peer);
        } catch (RuntimeException | Error e) {
            closeQuietly(transport);
            throw e;
        }
    }

    private static TlsConnection connected(Engine engine, Outcome outcome, TlsTimeouts timeouts, int maxRecordSize,
                                           String peer) {
        engine.state().handshaking = false;
        SecurityParameters sp = engine.context().getSecurityParametersConnection();
        int group = sp.getNegotiatedGroup() >= 0 ? sp.getNegotiatedGroup() : outcome.tls12Group;
        ProtocolName alpn = sp.getApplicationProtocol();
        TlsSessionInfo info = new TlsSessionInfo(Codes.version(sp.getNegotiatedVersion()),
                Codes.cipherSuite(sp.getCipherSuite()), group >= 0 ? Codes.namedGroup(group) : null,
                alpn == null ? null : alpn.getUtf8Decoding(), outcome.serverName, outcome.peerChain,
                outcome.peerTrusted, outcome.peerNameMatches, sp.isResumedSession());
        LOG.log(Level.DEBUG, "TLS with {0}: {1}", peer, info.summary());
        return new TlsConnectionImpl(engine, outcome, info, timeouts, maxRecordSize, peer);
    }

    /** Lower case, no brackets around an IPv6 literal, no trailing dot. */
    static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** An IPv4 dotted quad or any IPv6 literal: never sent as SNI (RFC 6066 section 3). */
    static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String text(InetSocketAddress a) {
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the handshake error is what matters
        }
    }
}
