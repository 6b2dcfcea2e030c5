package org.streamtls.bench;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.streamtls.tls.CryptoBackend;

/** The crypto backends the benchmarks compare, by their {@link CryptoBackend#name()}. */
final class Backends {

    /** JMH parameter values: every shipped backend. */
    static final String DEFAULT = "default";
    static final String BC = "bc";
    static final String JCA_BC = "jca:BC";

    private static final CryptoBackend JCA_BOUNCY_CASTLE = CryptoBackend.jca(new BouncyCastleProvider());

    private Backends() {
    }

    static CryptoBackend byName(String name) {
        switch (name) {
            case DEFAULT:
                return CryptoBackend.defaultBackend();
            case BC:
                return CryptoBackend.pureBouncyCastle();
            case JCA_BC:
                return JCA_BOUNCY_CASTLE;
            default:
                throw new IllegalArgumentException("unknown backend " + name + ": use default, bc or jca:BC");
        }
    }
}
