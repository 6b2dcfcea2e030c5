package org.streamtls.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;

/** Writes test identities as PEM files for external peers (openssl, gnutls). */
final class PemDir {

    private final Path dir;

    PemDir(Path dir) {
        this.dir = dir;
    }

    /** The root CA certificate file. */
    String root() throws IOException {
        Path p = dir.resolve("root.pem");
        PemFiles.writeCertificates(p, List.of(Pki.ROOT.leaf()));
        return p.toString();
    }

    /** Writes {@code name}.pem (chain) and {@code name}.key; returns the two paths. */
    String[] identity(String name, Identity identity) throws IOException {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        PemFiles.writeCertificates(cert, identity.chain());
        PemFiles.writePrivateKey(key, identity.privateKey(), null);
        return new String[] {cert.toString(), key.toString()};
    }
}
