package org.streamtls.tls.internal;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.DefaultTlsCredentialedSigner;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.streamtls.certstore.Identity;
import org.streamtls.tls.TlsSignatureScheme;
import org.streamtls.tls.internal.crypto.JcaKeySigner;

/**
 * Turns a certstore {@link Identity} into BouncyCastle signing credentials for one handshake: picks
 * the signature scheme (ours, in our order, that the peer offered and the key can make) and wraps
 * the chain in the certificate message of the negotiated version.
 */
final class Signers {

    private Signers() {
    }

    /** The JCA key algorithm family: "EC", "RSA", "Ed25519", "Ed448", or the key's own name. */
    static String keyFamily(PrivateKey key) {
        String alg = key.getAlgorithm();
        switch (alg) {
            case "EC":
            case "ECDSA":
                return "EC";
            case "RSA":
            case "RSASSA-PSS":
                return "RSA";
            case "Ed25519":
            case "Ed448":
                return alg;
            case "EdDSA":
                if (key instanceof java.security.interfaces.EdECKey ed) {
                    return ed.getParams().getName();
                }
                return alg;
            default:
                return alg;
        }
    }

    /** The key families a list of signature algorithms lets a peer verify. */
    static java.util.Set<String> keyFamilies(Vector<?> sigAlgs) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (sigAlgs == null) {
            out.add("RSA");
            out.add("EC");
            return out;
        }
        for (Object o : sigAlgs) {
            int scheme = SignatureScheme.from((SignatureAndHashAlgorithm) o);
            if (SignatureScheme.isECDSA(scheme) || (scheme & 0xFF) == 3) {
                out.add("EC");
            } else if (SignatureScheme.isRSAPSS(scheme) || (scheme & 0xFF) == 1) {
                out.add("RSA");
            } else if (scheme == SignatureScheme.ed25519) {
                out.add("Ed25519");
            } else if (scheme == SignatureScheme.ed448) {
                out.add("Ed448");
            }
        }
        return out;
    }

    /** Our schemes that a key of this family (and curve) can sign with under the version. */
    private static List<Integer> candidates(PrivateKey key, boolean tls13, List<TlsSignatureScheme> ours) {
        String family = keyFamily(key);
        int curveBits = key instanceof ECKey ec ? ec.getParams().getOrder().bitLength() : 0;
        List<Integer> out = new ArrayList<>();
        for (TlsSignatureScheme s : ours) {
            int code = s.ianaCode();
            boolean ok;
            switch (family) {
                case "EC":
                    ok = SignatureScheme.isECDSA(code) && (!tls13 || curveBitsOf(code) == curveBits);
                    break;
                case "RSA":
                    ok = code == SignatureScheme.rsa_pss_rsae_sha256 || code == SignatureScheme.rsa_pss_rsae_sha384
                            || code == SignatureScheme.rsa_pss_rsae_sha512
                            || (!tls13 && (code == SignatureScheme.rsa_pkcs1_sha256
                            || code == SignatureScheme.rsa_pkcs1_sha384 || code == SignatureScheme.rsa_pkcs1_sha512));
                    break;
                case "Ed25519":
                    ok = code == SignatureScheme.ed25519;
                    break;
                case "Ed448":
                    ok = code == SignatureScheme.ed448;
                    break;
                default:
                    ok = false;
            }
            if (ok) {
                out.add(code);
            }
        }
        return out;
    }

    private static int curveBitsOf(int ecdsaScheme) {
        switch (ecdsaScheme) {
            case SignatureScheme.ecdsa_secp256r1_sha256:
                return 256;
            case SignatureScheme.ecdsa_secp384r1_sha384:
                return 384;
            case SignatureScheme.ecdsa_secp521r1_sha512:
                return 521;
            default:
                return -1;
        }
    }

    /** Whether this key can sign with at least one of our schemes the peer offered. */
    static boolean canSign(PrivateKey key, boolean tls13, List<TlsSignatureScheme> ours, Vector<?> peerSigAlgs) {
        return chooseScheme(key, tls13, ours, peerSigAlgs) >= 0;
    }

    private static int chooseScheme(PrivateKey key, boolean tls13, List<TlsSignatureScheme> ours, Vector<?> peerSigAlgs) {
        for (int code : candidates(key, tls13, ours)) {
            if (peerSigAlgs == null || containsScheme(peerSigAlgs, code)) {
                return code;
            }
        }
        return -1;
    }

    private static boolean containsScheme(Vector<?> sigAlgs, int code) {
        for (Object o : sigAlgs) {
            if (SignatureScheme.from((SignatureAndHashAlgorithm) o) == code) {
                return true;
            }
        }
        return false;
    }

    /**
     * Credentials to sign this handshake with the identity's key.
     *
     * @param peerSigAlgs what the peer can verify (null: TLS 1.2 peer that sent no list)
     * @param requestContext the TLS 1.3 certificate_request_context (empty for a server)
     * @throws TlsFatalAlert handshake_failure when no common scheme exists
     */
    static TlsCredentialedSigner create(TlsContext context, Identity identity, List<TlsSignatureScheme> ours,
                                        Vector<?> peerSigAlgs, byte[] requestContext) throws IOException {
        boolean tls13 = TlsUtils.isTLSv13(context);
        PrivateKey key = identity.privateKey();
        int scheme = chooseScheme(key, tls13, ours, peerSigAlgs);
        if (scheme < 0) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no signature scheme for a "
                    + keyFamily(key) + " key that the peer accepts");
        }
        SignatureAndHashAlgorithm sigAlg = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
        TlsCrypto crypto = context.getCrypto();
        Certificate certificate = OwnCertificates.message(crypto, identity, tls13, requestContext);
        TlsCryptoParameters params = new TlsCryptoParameters(context);
        if (crypto instanceof BcTlsCrypto bc) {
            JcaKeySigner jca = JcaKeySigner.preferredFor(bc, key);
            if (jca != null) {
                return new DefaultTlsCredentialedSigner(params, jca, certificate, sigAlg);
            }
            return new BcDefaultTlsCredentialedSigner(params, bc, OwnKeys.of(identity),
                    certificate, sigAlg);
        }
        if (crypto instanceof JcaTlsCrypto jca) {
            return new JcaDefaultTlsCredentialedSigner(params, jca, key, certificate, sigAlg);
        }
        throw new TlsFatalAlert(AlertDescription.internal_error, "crypto " + crypto.getClass().getName()
                + " is neither BcTlsCrypto nor JcaTlsCrypto: cannot sign with a JCA private key");
    }
}
