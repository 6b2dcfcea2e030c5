package org.streamtls.bench.compare;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.KeyType;

/**
 * The certificates every contender uses, made once per run with certstore's
 * {@link CertificateBuilder}: for each key type a root CA and a server leaf it signed (names
 * "localhost" and 127.0.0.1). Servers present the leaf alone; clients trust the root and check the
 * name 127.0.0.1, so each handshake verifies one signature on the chain, on every stack.
 *
 * <p>A child process (the idle-memory server) gets the same certificates through
 * {@link #encode()} / {@link #decode(List)}: test keys made for this run only, passed over a pipe.
 */
final class Pki {

    static final KeyType[] KEY_TYPES = {KeyType.EC_P256, KeyType.RSA_2048};

    private final Map<KeyType, Identity> leaves;
    private final Map<KeyType, X509Certificate> roots;

    private Pki(Map<KeyType, Identity> leaves, Map<KeyType, X509Certificate> roots) {
        this.leaves = leaves;
        this.roots = roots;
    }

    static Pki generate() {
        Map<KeyType, Identity> leaves = new EnumMap<>(KeyType.class);
        Map<KeyType, X509Certificate> roots = new EnumMap<>(KeyType.class);
        for (KeyType type : KEY_TYPES) {
            Identity root = CertificateBuilder.create().commonName("StreamTLS bench root " + type)
                    .keyType(type).certificateAuthority(0).build();
            Identity leaf = CertificateBuilder.create().commonName("localhost")
                    .addDnsName("localhost").addIpAddress("127.0.0.1")
                    .keyType(type).serverAuth().signedBy(root).build();
            leaves.put(type, leaf);
            roots.put(type, root.leaf());
        }
        return new Pki(leaves, roots);
    }

    /** The server's identity: the leaf and its key. */
    Identity server(KeyType type) {
        return leaves.get(type);
    }

    /** The root the clients trust. */
    X509Certificate root(KeyType type) {
        return roots.get(type);
    }

    /** One line per key type: type, leaf key (PKCS#8), leaf certificate, root certificate, Base64. */
    List<String> encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> lines = new ArrayList<>();
        try {
            for (KeyType type : KEY_TYPES) {
                Identity leaf = leaves.get(type);
                lines.add(type.name() + " " + b64.encodeToString(leaf.privateKey().getEncoded()) + " "
                        + b64.encodeToString(leaf.leaf().getEncoded()) + " "
                        + b64.encodeToString(roots.get(type).getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the bench certificates", e);
        }
        return lines;
    }

    static Pki decode(List<String> lines) {
        Base64.Decoder b64 = Base64.getDecoder();
        Map<KeyType, Identity> leaves = new EnumMap<>(KeyType.class);
        Map<KeyType, X509Certificate> roots = new EnumMap<>(KeyType.class);
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (String line : lines) {
                String[] f = line.trim().split(" ");
                KeyType type = KeyType.valueOf(f[0]);
                PrivateKey key = KeyFactory.getInstance(type.algorithm())
                        .generatePrivate(new PKCS8EncodedKeySpec(b64.decode(f[1])));
                X509Certificate leaf = (X509Certificate) x509.generateCertificate(
                        new ByteArrayInputStream(b64.decode(f[2])));
                X509Certificate root = (X509Certificate) x509.generateCertificate(
                        new ByteArrayInputStream(b64.decode(f[3])));
                leaves.put(type, new Identity(List.of(leaf), key));
                roots.put(type, root);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot decode the bench certificates", e);
        }
        if (leaves.size() != KEY_TYPES.length) {
            throw new IllegalStateException("expected " + KEY_TYPES.length + " certificates, got " + leaves.size());
        }
        return new Pki(leaves, roots);
    }
}
