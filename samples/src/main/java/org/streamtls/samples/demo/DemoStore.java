package org.streamtls.samples.demo;

import java.io.IOException;
import java.net.IDN;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.bouncycastle.util.IPAddress;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.ClientCertificateSelector;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;
import org.streamtls.certstore.PkixTrustVerifier;
import org.streamtls.certstore.ServerCertificateSelector;
import org.streamtls.certstore.TrustAnchors;
import org.streamtls.certstore.TrustVerifier;

/**
 * The demo's embedded certificate store: a folder that holds a CA, one server certificate per host
 * name and one client certificate, all created on first use, so the demo needs no configuration
 * (StreamSSL's demo creates its certificates the same way, in the Windows store).
 *
 * <p>Files, all PEM, keys unencrypted and readable by their owner only:
 * <pre>
 * ca.pem, ca.key.pem                     "StreamTLS Demo CA", valid 2 years
 * server-NAME.pem, server-NAME.key.pem   CN=NAME, subjectAltName NAME, serverAuth, valid 90 days
 * client.pem, client.key.pem             CN=StreamTLS Demo Client, clientAuth, valid 90 days
 * </pre>
 * Certificates are signed by the CA and replaced when expired (or within a day of it). The default
 * folder is {@code ~/.streamtls/demo}; nothing outside the folder is touched. Trust the CA
 * ({@link #caCertificateFile()}) in a browser or {@code curl --cacert} to reach the demo server.
 *
 * <p>Thread-safe: certificates are created under a lock and cached.
 */
public final class DemoStore {

    /** The folder used when none is given: {@code ~/.streamtls/demo}. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".streamtls", "demo");
    }

    private static final String CA_NAME = "StreamTLS Demo CA";
    private static final String CLIENT_NAME = "StreamTLS Demo Client";
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);

    private final Path folder;
    private final Identity ca;
    private final Map<String, Identity> servers = new ConcurrentHashMap<>();
    private volatile Identity client;

    private DemoStore(Path folder, Identity ca) {
        this.folder = folder;
        this.ca = ca;
    }

    /**
     * Opens the store in {@code folder}, creating the folder and the CA when missing.
     *
     * @param log receives a line saying whether the CA was found or created (the demo's transcript)
     * @throws IOException if the folder or a file cannot be written or read
     */
    public static DemoStore open(Path folder, Consumer<String> log) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(log, "log");
        Files.createDirectories(folder);
        Identity ca = loadOrCreate(folder.resolve("ca.pem"), "CA certificate", log,
                () -> CertificateBuilder.create().commonName(CA_NAME).certificateAuthority(0)
                        .validity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(730)))
                        .build());
        return new DemoStore(folder, ca);
    }

    /** The folder the files live in. */
    public Path folder() {
        return folder;
    }

    /** The CA's certificate file, to give to {@code curl --cacert} or {@code openssl s_client -CAfile}. */
    public Path caCertificateFile() {
        return folder.resolve("ca.pem");
    }

    /** The CA that signs every demo certificate. */
    public X509Certificate caCertificate() {
        return ca.leaf();
    }

    /** A verifier that trusts exactly the demo CA (for the demo's clients and for client certificates). */
    public TrustVerifier trustVerifier() {
        return PkixTrustVerifier.builder().trustAnchors(TrustAnchors.of(List.of(ca.leaf()))).build();
    }

    /**
     * The server identity for a host name or IP literal (SNI), found in the folder or created now.
     * The line given to {@code log} says which.
     *
     * @throws IOException if it cannot be read or written
     */
    public Identity serverIdentity(String hostName, Consumer<String> log) throws IOException {
        String name = canonical(hostName);
        Identity cached = servers.get(name);
        if (cached != null && !renewDue(cached.leaf())) {
            log.accept("server certificate for " + name + ": found " + describe(cached.leaf()) + " (cached)");
            return cached;
        }
        synchronized (this) {
            Identity identity = loadOrCreate(folder.resolve("server-" + fileName(name) + ".pem"),
                    "server certificate for " + name, log, () -> {
                        CertificateBuilder b = CertificateBuilder.create().commonName(name).serverAuth()
                                .validity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(90)))
                                .signedBy(ca);
                        if (IPAddress.isValid(name)) {
                            b.addIpAddress(name);
                        } else {
                            b.addDnsName(name);
                        }
                        return b.build();
                    });
            servers.put(name, identity);
            return identity;
        }
    }

    /** The client identity, found in the folder or created now; the line given to {@code log} says which. */
    public Identity clientIdentity(Consumer<String> log) throws IOException {
        Identity c = client;
        if (c != null && !renewDue(c.leaf())) {
            log.accept("client certificate: found " + describe(c.leaf()) + " (cached)");
            return c;
        }
        synchronized (this) {
            c = loadOrCreate(folder.resolve("client.pem"), "client certificate", log,
                    () -> CertificateBuilder.create().commonName(CLIENT_NAME).clientAuth()
                            .validity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(90)))
                            .signedBy(ca).build());
            client = c;
            return c;
        }
    }

    /**
     * A server certificate selector: the certificate for the SNI name, found or created (for a
     * client that sent no SNI, the certificate for {@code defaultName}). Logs the request and the
     * answer to {@code log}.
     */
    public ServerCertificateSelector serverSelector(String defaultName, Consumer<String> log) {
        return request -> {
            String name = request.serverName() != null ? request.serverName() : defaultName;
            log.accept("server certificate requested for " + name
                    + (request.serverName() == null ? " (the client sent no SNI name)" : "")
                    + "; the client accepts " + String.join(", ", new java.util.TreeSet<>(request.keyAlgorithms())) + " keys");
            try {
                return Optional.of(serverIdentity(name, log));
            } catch (IOException e) {
                log.accept("no server certificate for " + name + ": " + e.getMessage());
                return Optional.empty();
            }
        };
    }

    /**
     * A client certificate selector that offers the demo client certificate when the server asks,
     * logging to {@code log} whether the server named acceptable issuers and which certificate was
     * selected.
     */
    public ClientCertificateSelector clientSelector(Consumer<String> log) {
        return request -> {
            if (request.acceptableIssuers().isEmpty()) {
                log.accept("client certificate requested, without an issuer list");
            } else {
                List<String> issuers = request.acceptableIssuers().stream().map(p -> p.getName()).toList();
                log.accept("client certificate requested, with an issuer list: " + String.join("; ", issuers));
            }
            try {
                Identity identity = clientIdentity(log);
                boolean fromListed = request.acceptableIssuers().isEmpty()
                        || request.acceptableIssuers().contains(identity.leaf().getIssuerX500Principal());
                log.accept("client certificate selected: " + describe(identity.leaf())
                        + (fromListed ? "" : " (its issuer is not in the list; sending it anyway)"));
                return Optional.of(identity);
            } catch (IOException e) {
                log.accept("no client certificate: " + e.getMessage());
                return Optional.empty();
            }
        };
    }

    /** "CN=x issued by CN=y, valid until …". */
    static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + " issued by " + c.getIssuerX500Principal().getName()
                + ", valid until " + c.getNotAfter().toInstant();
    }

    private interface Maker {
        Identity make();
    }

    private static Identity loadOrCreate(Path chainFile, String what, Consumer<String> log, Maker maker)
            throws IOException {
        Path keyFile = keyFileFor(chainFile);
        if (Files.exists(chainFile) && Files.exists(keyFile)) {
            try {
                Identity existing = PemFiles.readIdentity(chainFile, keyFile, null);
                if (!renewDue(existing.leaf())) {
                    log.accept(what + ": found " + describe(existing.leaf()) + " in " + chainFile);
                    return existing;
                }
                log.accept(what + ": " + describe(existing.leaf()) + " in " + chainFile + " expires soon; replacing it");
            } catch (CertificateStoreException e) {
                log.accept(what + ": cannot use " + chainFile + " (" + e.getMessage() + "); replacing it");
            }
        }
        Identity made = maker.make();
        PemFiles.writePrivateKey(keyFile, made.privateKey(), null);
        PemFiles.writeCertificates(chainFile, made.chain());
        log.accept(what + ": created " + describe(made.leaf()) + " in " + chainFile);
        return made;
    }

    private static Path keyFileFor(Path chainFile) {
        String n = chainFile.getFileName().toString();
        return chainFile.resolveSibling(n.substring(0, n.length() - ".pem".length()) + ".key.pem");
    }

    private static boolean renewDue(X509Certificate c) {
        Instant now = Instant.now();
        return c.getNotAfter().toInstant().minus(RENEW_BEFORE).isBefore(now) || c.getNotBefore().toInstant().isAfter(now);
    }

    private static String canonical(String hostName) {
        String n = hostName.trim();
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (IPAddress.isValid(n)) {
            return n.toLowerCase(Locale.ROOT);
        }
        return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** A name safe as part of a file name: letters, digits, dots and hyphens; others become '_'. */
    private static String fileName(String name) {
        return name.replaceAll("[^a-zA-Z0-9.-]", "_");
    }
}
