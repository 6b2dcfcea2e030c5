package org.streamtls.bench.compare;

import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.streamtls.tls.CryptoBackend;

/** The contenders of a run, by a short key that also names them to the memory test's child process. */
final class Contenders {

    static final String PLAIN = "plain";
    static final String JSSE = "jsse";
    static final String DEFAULT = "default";
    static final String BC = "bc";
    static final String JCA_BC = "jca:BC";

    /** In table order: the ceiling, the reference, then StreamTLS's backends. */
    static final List<String> KEYS = List.of(PLAIN, JSSE, DEFAULT, BC, JCA_BC);

    private Contenders() {
    }

    static Contender create(String key, Pki pki) {
        switch (key) {
            case PLAIN:
                return new PlainTcpContender();
            case JSSE:
                return new JsseContender(pki);
            case DEFAULT:
                return new StreamTlsContender(CryptoBackend.defaultBackend(), pki);
            case BC:
                return new StreamTlsContender(CryptoBackend.pureBouncyCastle(), pki);
            case JCA_BC:
                return new StreamTlsContender(CryptoBackend.jca(new BouncyCastleProvider()), pki);
            default:
                throw new IllegalArgumentException("unknown contender " + key + ": one of " + KEYS);
        }
    }
}
