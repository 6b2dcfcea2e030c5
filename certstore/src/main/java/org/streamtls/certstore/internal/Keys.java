package org.streamtls.certstore.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key facts the module needs, whatever provider made the key. */
public final class Keys {

    private Keys() {
    }

    /**
     * The key algorithm as TLS code names it: "RSA", "EC", "Ed25519", "Ed448", or the provider's
     * own name for anything else. JDK EdDSA keys say "EdDSA"; BC's say "Ed25519".
     */
    public static String algorithm(Key key) {
        if (key instanceof EdECKey) {
            return ((EdECKey) key).getParams().getName().equalsIgnoreCase("Ed448") ? "Ed448" : "Ed25519";
        }
        if (key instanceof RSAKey) {
            return "RSA";
        }
        if (key instanceof ECKey) {
            return "EC";
        }
        String a = key.getAlgorithm();
        switch (a.toUpperCase(Locale.ROOT)) {
            case "EC":
            case "ECDSA":
                return "EC";
            case "RSA":
                return "RSA";
            case "ED25519":
                return "Ed25519";
            case "ED448":
                return "Ed448";
            case "EDDSA":
                return edFromEncoding(key);
            default:
                return a;
        }
    }

    private static String edFromEncoding(Key key) {
        byte[] enc = key.getEncoded();
        if (enc != null && key instanceof PublicKey) {
            String oid = SubjectPublicKeyInfo.getInstance(enc).getAlgorithm().getAlgorithm().getId();
            return oid.equals("1.3.101.113") ? "Ed448" : "Ed25519";
        }
        return "Ed25519";
    }

    /** Key size in bits: RSA modulus length, EC field size, 255/448 for EdDSA; 0 if unknown. */
    public static int bits(PublicKey key) {
        if (key instanceof RSAKey) {
            return ((RSAKey) key).getModulus().bitLength();
        }
        if (key instanceof ECKey) {
            return ((ECKey) key).getParams().getCurve().getField().getFieldSize();
        }
        String a = algorithm(key);
        if (a.equals("Ed25519")) {
            return 255;
        }
        if (a.equals("Ed448")) {
            return 448;
        }
        return 0;
    }

    /** The SHA-256 based signature algorithm for a signing key (Ed25519/Ed448 are pure). */
    public static String signatureAlgorithm(Key signingKey) {
        String a = algorithm(signingKey);
        switch (a) {
            case "EC":
                return "SHA256withECDSA";
            case "RSA":
                return "SHA256withRSA";
            case "Ed25519":
            case "Ed448":
                return a;
            default:
                throw new IllegalArgumentException("cannot sign with a " + a + " key");
        }
    }

    /**
     * Whether the private key belongs to the public key: RSA by modulus, others by signing and
     * verifying a short message.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!algorithm(privateKey).equals(algorithm(publicKey))) {
            return false;
        }
        if (privateKey instanceof RSAPrivateCrtKey && publicKey instanceof RSAPublicKey) {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) privateKey;
            RSAPublicKey p = (RSAPublicKey) publicKey;
            return k.getModulus().equals(p.getModulus()) && k.getPublicExponent().equals(p.getPublicExponent());
        }
        if (privateKey instanceof RSAKey && publicKey instanceof RSAKey
                && !((RSAKey) privateKey).getModulus().equals(((RSAKey) publicKey).getModulus())) {
            return false;
        }
        try {
            String alg = signatureAlgorithm(privateKey);
            byte[] message = "streamtls key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(privateKey);
            s.update(message);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(publicKey);
            v.update(message);
            return v.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
