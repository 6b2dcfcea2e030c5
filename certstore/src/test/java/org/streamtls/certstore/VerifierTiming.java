package org.streamtls.certstore;

import java.time.Duration;
import java.util.List;

/**
 * Not a test: a timed loop for {@link PkixTrustVerifier} on ECDSA P-256 leaves issued by a root (the
 * handshake benchmark's case: the server presents its leaf alone), for before/after comparisons. Run from certstore/ after
 * {@code mvn -o -q -pl certstore -am test-compile}:
 * {@code java -cp target/classes:target/test-classes:<bcprov+bcpkix+bcutil jars>
 * org.streamtls.certstore.VerifierTiming [seconds [pool size]]}.
 */
public final class VerifierTiming {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private VerifierTiming() {
    }

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        // 1024 (default): every verification checks a signature; 1: the same server again
        int poolSize = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        Identity root = CertificateBuilder.create().commonName("Timing Root").keyType(KeyType.EC_P256)
                .certificateAuthority(1).validFor(Duration.ofDays(30)).build();
        // distinct leaves (one key), more than the JDK's certificate factory caches (750), as the
        // handshake benchmark's pool: each verification parses and checks a certificate afresh
        java.security.KeyPair serverKey = KeyType.EC_P256.generateKeyPair();
        List<List<byte[]>> pool = new java.util.ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            Identity leaf = CertificateBuilder.create().commonName("www.example.com").addDnsName("www.example.com")
                    .keyPair(serverKey).serverAuth().validFor(Duration.ofDays(30)).signedBy(root).build();
            pool.add(List.of(encoding(leaf.leaf())));
        }
        PkixTrustVerifier verifier = PkixTrustVerifier.builder()
                .trustAnchors(TrustAnchors.of(List.of(root.leaf()))).build();
        for (int round = 0; round < 5; round++) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            int n = 0;
            while (System.nanoTime() < end) {
                // a fresh chain each time, parsed as tls-core parses the peer's (the JDK caches a
                // certificate's verified key, which a handshake never benefits from)
                List<java.security.cert.X509Certificate> chain = parse(pool.get(n % pool.size()));
                TrustDecision d = verifier.verify(chain, "www.example.com", Purpose.SERVER);
                if (!d.accepted()) {
                    throw new IllegalStateException(d.summary());
                }
                n++;
            }
            double us = (System.nanoTime() - start) / 1000.0 / n;
            double cpuUs = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / n;
            // CPU time too: the machine may be shared, and other processes stretch the wall clock
            System.out.printf("round %d: %d verifications, %.1f us/verify, %.1f us CPU/verify%n", round, n, us,
                    cpuUs);
        }
    }

    private static byte[] encoding(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<java.security.cert.X509Certificate> parse(List<byte[]> encoded) {
        try {
            java.security.cert.CertificateFactory f = java.security.cert.CertificateFactory.getInstance("X.509");
            List<java.security.cert.X509Certificate> out = new java.util.ArrayList<>();
            for (byte[] e : encoded) {
                out.add((java.security.cert.X509Certificate) f.generateCertificate(new java.io.ByteArrayInputStream(e)));
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
