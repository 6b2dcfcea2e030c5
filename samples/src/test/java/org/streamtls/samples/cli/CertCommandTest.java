package org.streamtls.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamtls.certstore.CertificateBuilder;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.PemFiles;
import org.streamtls.certstore.Pkcs12Files;
import org.streamtls.samples.testing.Cli;
import org.streamtls.samples.testing.OpenSsl;
import org.streamtls.samples.testing.Peers;

/** {@code streamtls cert create} and {@code cert show}, cross-checked with OpenSSL. */
class CertCommandTest {

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void selfSignedPemHasTheNamesAndAnOwnerOnlyKey() throws Exception {
        Cli.Result r = Cli.run("cert", "create", "--cn", "localhost", "--san", "DNS:localhost,IP:127.0.0.1,IP:::1",
                "--days", "7", "--out", p("server.pem"));
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Saved private key to " + p("server.key.pem")), r::toString);

        List<X509Certificate> chain = PemFiles.readCertificates(dir.resolve("server.pem"));
        assertEquals(1, chain.size());
        X509Certificate leaf = chain.get(0);
        assertEquals("CN=localhost", leaf.getSubjectX500Principal().getName());
        long days = (leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()) / 86_400_000L;
        assertEquals(7, days);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("server.key.pem")));

        Peers.require("openssl");
        String text = OpenSsl.run(dir, "x509", "-in", "server.pem", "-noout", "-text");
        assertTrue(text.contains("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"), text);
        assertTrue(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"), text);
        // The key belongs to the certificate, as OpenSSL sees it.
        String certKey = OpenSsl.run(dir, "x509", "-in", "server.pem", "-noout", "-pubkey");
        String keyKey = OpenSsl.run(dir, "pkey", "-in", "server.key.pem", "-pubout");
        assertEquals(certKey, keyKey);
    }

    @Test
    void caInPkcs12SignsALeafThatOpenSslVerifies() throws Exception {
        Cli.Result ca = Cli.run("cert", "create", "--cn", "My Test CA", "--is-ca", "--out", p("ca.p12"),
                "--pass", "pass:secret1");
        assertEquals(ExitCodes.OK, ca.exitCode(), ca::toString);
        assertTrue(ca.out().contains("CA:                 yes"), ca::toString);

        Cli.Result leaf = Cli.run("cert", "create", "--cn", "api.test", "--purpose", "server", "--key-type", "rsa",
                "--ca", p("ca.p12"), "--ca-pass", "secret1", "--out", p("api.pem"));
        assertEquals(ExitCodes.OK, leaf.exitCode(), leaf::toString);
        assertTrue(leaf.out().contains("signed by CN=My Test CA"), leaf::toString);
        assertTrue(leaf.out().contains("Names:              DNS:api.test"), leaf::toString);
        assertTrue(leaf.out().contains("Public key:         RSA 2048 bits"), leaf::toString);
        assertTrue(leaf.err().contains("Generating an RSA 2048-bit key"), leaf::toString);

        Identity caIdentity = Pkcs12Files.read(dir.resolve("ca.p12"), "secret1".toCharArray()).get(0);
        PemFiles.writeCertificates(dir.resolve("ca.pem"), caIdentity.chain());

        Peers.require("openssl");
        String verified = OpenSsl.run(dir, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver",
                "-verify_hostname", "api.test", "api.pem");
        assertTrue(verified.contains("api.pem: OK"), verified);

        // And our own verify agrees, and refuses it for a client.
        assertEquals(ExitCodes.OK, Cli.run("verify", "--trust", p("ca.pem"), "--host", "api.test", p("api.pem")).exitCode());
        Cli.Result asClient = Cli.run("verify", "--trust", p("ca.pem"), "--purpose", "client", p("api.pem"));
        assertEquals(ExitCodes.FAILED, asClient.exitCode(), asClient::toString);
        assertTrue(asClient.out().contains("wrong purpose"), asClient::toString);
    }

    @Test
    void pemCaWithEncryptedKeySignsALeaf() throws Exception {
        assertEquals(ExitCodes.OK, Cli.run("cert", "create", "--cn", "PEM CA", "--is-ca", "--out", p("ca.pem"),
                "--pass", "pass:k3y").exitCode());
        assertTrue(Files.readString(dir.resolve("ca.key.pem")).contains("ENCRYPTED PRIVATE KEY"));

        Cli.Result wrong = Cli.run("cert", "create", "--cn", "x.test", "--ca", p("ca.pem"), "--ca-pass", "nope",
                "--out", p("x.pem"));
        assertEquals(ExitCodes.FAILED, wrong.exitCode(), wrong::toString);
        assertTrue(wrong.err().contains("ca.key.pem"), wrong::toString);
        assertFalse(wrong.err().contains("nope"), "the password is never printed: " + wrong);

        Cli.Result ok = Cli.run("cert", "create", "--cn", "x.test", "--ca", p("ca.pem"), "--ca-pass", "k3y",
                "--out", p("x.pem"));
        assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
        assertEquals(ExitCodes.OK, Cli.run("verify", "--trust", p("ca.pem"), "--host", "x.test", p("x.pem")).exitCode());
    }

    @Test
    void showDescribesEveryCertificateAndSaysExpired() throws Exception {
        Peers.require("openssl");
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes",
                "-keyout", "a.key", "-out", "a.pem", "-days", "3", "-subj", "/CN=shown.test",
                "-addext", "subjectAltName=DNS:shown.test,IP:10.0.0.1");
        Cli.Result r = Cli.run("cert", "show", p("a.pem"));
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Subject:            CN=shown.test"), r::toString);
        assertTrue(r.out().contains("Public key:         EC 384 bits (P-384)"), r::toString);
        assertTrue(r.out().contains("Names:              DNS:shown.test, IP:10.0.0.1"), r::toString);
        assertTrue(r.out().contains("Status:             valid now"), r::toString);
        String fingerprint = OpenSsl.run(dir, "x509", "-in", "a.pem", "-noout", "-fingerprint", "-sha256");
        String hex = fingerprint.substring(fingerprint.indexOf('=') + 1).strip();
        assertTrue(r.out().contains("SHA-256:            " + hex), r + "\nopenssl: " + fingerprint);

        Identity old = CertificateBuilder.create().commonName("old.test")
                .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-01T00:00:00Z")).build();
        PemFiles.writeCertificates(dir.resolve("old.pem"), old.chain());
        Cli.Result expired = Cli.run("cert", "show", p("old.pem"));
        assertEquals(ExitCodes.OK, expired.exitCode(), expired::toString);
        assertTrue(expired.out().contains("Valid:              2020-01-01T00:00:00Z to 2020-02-01T00:00:00Z")
                && expired.out().contains("Status:             EXPIRED on 2020-02-01T00:00:00Z"),
                expired::toString);
    }

    @Test
    void showOfPkcs12NeedsItsPassword() {
        assertEquals(ExitCodes.OK, Cli.run("cert", "create", "--cn", "p12.test", "--out", p("id.p12"),
                "--pass", "pass:pw").exitCode());
        Cli.Result noPass = Cli.run("cert", "show", p("id.p12"));
        assertEquals(ExitCodes.USAGE, noPass.exitCode(), noPass::toString);
        assertTrue(noPass.err().contains("'--pass'"), noPass::toString);

        Cli.Result wrongPass = Cli.run("cert", "show", "--pass", "bad", p("id.p12"));
        assertEquals(ExitCodes.FAILED, wrongPass.exitCode(), wrongPass::toString);
        assertTrue(wrongPass.err().contains("id.p12"), wrongPass::toString);

        Cli.Result ok = Cli.run("cert", "show", "--pass", "pw", p("id.p12"));
        assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
        assertTrue(ok.out().contains("Subject:            CN=p12.test"), ok::toString);
    }

    @Test
    void badValuesNameTheFlagAndWhatItExpects() {
        Cli.Result san = Cli.run("cert", "create", "--cn", "x", "--san", "URI:http://x", "--out", p("x.pem"));
        assertEquals(ExitCodes.USAGE, san.exitCode(), san::toString);
        assertTrue(san.err().contains("'--san'") && san.err().contains("DNS:name and IP:address"), san::toString);

        Cli.Result p12 = Cli.run("cert", "create", "--cn", "x", "--out", p("x.p12"));
        assertEquals(ExitCodes.USAGE, p12.exitCode(), p12::toString);
        assertTrue(p12.err().contains("'--pass'"), p12::toString);

        Cli.Result out = Cli.run("cert", "create", "--cn", "x", "--out", p("x.txt"));
        assertEquals(ExitCodes.USAGE, out.exitCode(), out::toString);
        assertTrue(out.err().contains("'--out'") && out.err().contains(".p12, .pfx, .pem or .crt"), out::toString);

        Cli.Result keyType = Cli.run("cert", "create", "--cn", "x", "--key-type", "dsa", "--out", p("x.pem"));
        assertEquals(ExitCodes.USAGE, keyType.exitCode(), keyType::toString);
        assertTrue(keyType.err().contains("--key-type") && keyType.err().contains("ec, rsa, rsa3072, ed25519"),
                keyType::toString);

        Cli.Result days = Cli.run("cert", "create", "--cn", "x", "--days", "0", "--out", p("x.pem"));
        assertEquals(ExitCodes.USAGE, days.exitCode(), days::toString);
        assertTrue(days.err().contains("'--days'") && days.err().contains(">= 1"), days::toString);

        Cli.Result missing = Cli.run("cert", "create", "--out", p("x.pem"));
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("'--cn=NAME'"), missing::toString);
        assertFalse(Files.exists(dir.resolve("x.pem")));
    }
}
