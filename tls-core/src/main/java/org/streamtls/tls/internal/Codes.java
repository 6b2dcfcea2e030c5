package org.streamtls.tls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Vector;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.streamtls.tls.TlsCipherSuite;
import org.streamtls.tls.TlsNamedGroup;
import org.streamtls.tls.TlsSignatureScheme;
import org.streamtls.tls.TlsVersion;

/** Translation between StreamTLS's enums and BouncyCastle's numeric codes. */
final class Codes {

    private Codes() {
    }

    static ProtocolVersion[] versions(Set<TlsVersion> versions) {
        List<ProtocolVersion> out = new ArrayList<>();
        if (versions.contains(TlsVersion.TLS_1_3)) {
            out.add(ProtocolVersion.TLSv13);
        }
        if (versions.contains(TlsVersion.TLS_1_2)) {
            out.add(ProtocolVersion.TLSv12);
        }
        return out.toArray(new ProtocolVersion[0]);
    }

    static TlsVersion version(ProtocolVersion v) {
        if (ProtocolVersion.TLSv13.equals(v)) {
            return TlsVersion.TLS_1_3;
        }
        if (ProtocolVersion.TLSv12.equals(v)) {
            return TlsVersion.TLS_1_2;
        }
        return null;
    }

    /** The configured suites the crypto can run, in order. */
    static int[] cipherSuites(List<TlsCipherSuite> suites, TlsCrypto crypto) {
        int[] codes = suites.stream().mapToInt(TlsCipherSuite::ianaCode).toArray();
        return org.bouncycastle.tls.TlsUtils.getSupportedCipherSuites(crypto, codes);
    }

    static TlsCipherSuite cipherSuite(int code) {
        for (TlsCipherSuite s : TlsCipherSuite.values()) {
            if (s.ianaCode() == code) {
                return s;
            }
        }
        return null;
    }

    /** The configured groups the crypto can compute, in order. */
    static int[] namedGroups(List<TlsNamedGroup> groups, TlsCrypto crypto) {
        return groups.stream().mapToInt(TlsNamedGroup::ianaCode).filter(g -> supportsGroup(crypto, g)).toArray();
    }

    /**
     * Whether the crypto can compute the group. BouncyCastle's crypto answers false for the ML-KEM
     * hybrids themselves, yet computes them from their two parts: a hybrid is supported when both are.
     */
    static boolean supportsGroup(TlsCrypto crypto, int group) {
        if (NamedGroup.refersToASpecificHybrid(group)) {
            return crypto.hasNamedGroup(NamedGroup.getHybridFirst(group))
                    && crypto.hasNamedGroup(NamedGroup.getHybridSecond(group));
        }
        return crypto.hasNamedGroup(group);
    }

    static TlsNamedGroup namedGroup(int code) {
        for (TlsNamedGroup g : TlsNamedGroup.values()) {
            if (g.ianaCode() == code) {
                return g;
            }
        }
        return null;
    }

    /** The configured schemes the crypto can verify, as BouncyCastle's (signature, hash) pairs. */
    static Vector<SignatureAndHashAlgorithm> signatureAlgorithms(List<TlsSignatureScheme> schemes, TlsCrypto crypto) {
        Vector<SignatureAndHashAlgorithm> out = new Vector<>();
        for (TlsSignatureScheme s : schemes) {
            SignatureAndHashAlgorithm alg = SignatureScheme.getSignatureAndHashAlgorithm(s.ianaCode());
            if (crypto.hasSignatureAndHashAlgorithm(alg)) {
                out.add(alg);
            }
        }
        return out;
    }

    static String hex(int code) {
        return String.format("0x%04X", code);
    }
}
