package org.streamtls.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.streamtls.certstore.KeyType;

/**
 * Handshakes per second, in memory (no socket, one thread doing both sides): a new client and
 * server per operation, from the ClientHello until both can send application data.
 *
 * <ul>
 *   <li>{@code stack}: BouncyCastle's {@code TlsClientProtocol}/{@code TlsServerProtocol}
 *       (non-blocking) on each StreamTLS crypto backend — "default", "bc", "jca:BC" — see
 *       {@link BcHandshakes}; or "jsse", the JDK's {@code SSLEngine} pair with the same
 *       certificates, see {@link JsseHandshakes}. Ratios to JSSE come from one run.</li>
 *   <li>{@code kind}: full TLS 1.3, full TLS 1.2 (ECDHE), or resumed TLS 1.2 (session ID), see
 *       {@link HandshakeKind}. Key exchange X25519; cipher suite AES-128-GCM-SHA256.</li>
 *   <li>{@code key}: the server's key and its root CA's, ECDSA P-256 ({@code EC_P256}) or RSA 2048
 *       ({@code RSA_2048}, signing with RSA-PSS).</li>
 * </ul>
 *
 * <p>The score counts both sides' work, as one client and one server on one core would. The
 * client verifies the server's chain against the generated root on every full handshake (PKIX
 * path validation and host-name check: certstore's {@code PkixTrustVerifier} for BouncyCastle, the
 * JDK's PKIX trust manager for JSSE) and, the server rotating through {@code certificates}
 * distinct certificates, the JDK's certificate cache does not spare the client that work: the
 * numbers include what a client meeting the server for the first time pays.
 *
 * <p>The machine may be shared: add {@code -prof org.streamtls.bench.CpuTimeProfiler} for
 * handshakes per CPU second beside the wall-clock score (see {@link CpuTimeProfiler}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        "-Djdk.tls.namedGroups=x25519,secp256r1",
        "-Djdk.tls.client.enableSessionTicketExtension=false",
        "-Djdk.tls.server.enableSessionTicketExtension=false"})
public class HandshakeBenchmark {

    /** The {@code stack} value of the JDK's JSSE. */
    static final String JSSE = "jsse";

    @Param({Backends.DEFAULT, Backends.BC, Backends.JCA_BC, JSSE})
    public String stack;

    @Param({"TLS13_FULL", "TLS12_FULL", "TLS12_RESUMED"})
    public HandshakeKind kind;

    @Param({"EC_P256", "RSA_2048"})
    public KeyType key;

    /**
     * How many distinct server certificates the server rotates through: more than the JDK's
     * certificate cache keeps, so that every full handshake parses and verifies a chain for real
     * (see {@link HandshakePki}). Smaller pools measure a client meeting the same server again.
     */
    @Param({"" + HandshakePki.DEFAULT_POOL})
    public int certificates;

    private HandshakeDriver driver;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        HandshakePki pki = HandshakePki.of(key, certificates);
        driver = JSSE.equals(stack) ? new JsseHandshakes(kind, pki) : new BcHandshakes(Backends.byName(stack), kind, pki);
    }

    @Benchmark
    public int handshake() throws IOException {
        return driver.handshake();
    }
}
