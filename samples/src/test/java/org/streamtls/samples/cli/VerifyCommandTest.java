package org.streamtls.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamtls.samples.testing.Cli;
import org.streamtls.samples.testing.OpenSsl;
import org.streamtls.samples.testing.Peers;

/**
 * {@code streamtls verify} on chains made by OpenSSL: good, expired, wrong host, wrong purpose,
 * unknown CA, and a chain completed by --untrusted; exit statuses and the exact reasons.
 */
class VerifyCommandTest {

    @TempDir
    static Path dir;

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeAll
    static void makeChainsWithOpenSsl() throws IOException {
        Peers.require("openssl");
        // The trusted root and an unrelated root.
        rootCa("ca", "Test Root CA");
        rootCa("other-ca", "Other Root CA");
        // An intermediate CA under the root.
        request("int", "Test Intermediate CA");
        ext("int.ext", "basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,keyCertSign,cRLSign");
        sign("int", "ca", "int.ext", 20);
        // Leaves.
        leaf("good", "good.test", "ca", "subjectAltName=DNS:good.test,DNS:www.good.test",
                "extendedKeyUsage=serverAuth");
        leaf("clientonly", "alice", "ca", "subjectAltName=DNS:alice.test", "extendedKeyUsage=clientAuth");
        leaf("stranger", "good.test", "other-ca", "subjectAltName=DNS:good.test", "extendedKeyUsage=serverAuth");
        leaf("deep", "deep.test", "int", "subjectAltName=DNS:deep.test", "extendedKeyUsage=serverAuth");
        // An expired leaf: openssl ca sets explicit dates in the past.
        request("old", "old.test");
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("ca.cnf"), String.join("\n",
                "[ca]", "default_ca = d", "[d]", "database = index.txt", "serial = serial",
                "new_certs_dir = .", "default_md = sha256", "policy = p", "unique_subject = no",
                "x509_extensions = x", "[p]", "commonName = supplied",
                "[x]", "subjectAltName = DNS:old.test", "extendedKeyUsage = serverAuth", ""));
        OpenSsl.run(dir, "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
                "-in", "old.csr", "-out", "old.pem", "-notext",
                "-startdate", "20200101000000Z", "-enddate", "20200201000000Z");
    }

    private static void rootCa(String name, String cn) {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "30", "-subj", "/CN=" + cn,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static void request(String name, String cn) {
        OpenSsl.run(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
    }

    private static void ext(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n");
    }

    private static void sign(String name, String ca, String extFile, int days) {
        OpenSsl.run(dir, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", String.valueOf(days), "-extfile", extFile, "-out", name + ".pem");
    }

    private static void leaf(String name, String cn, String ca, String... extensions) throws IOException {
        request(name, cn);
        String[] lines = new String[extensions.length + 1];
        System.arraycopy(extensions, 0, lines, 0, extensions.length);
        lines[extensions.length] = "keyUsage=critical,digitalSignature";
        ext(name + ".ext", lines);
        sign(name, ca, name + ".ext", 10);
    }

    @Test
    void goodChainIsTrustedAndNameMatches() {
        Cli.Result r = Cli.run("verify", "--trust", p("ca.pem"), "--host", "www.good.test", p("good.pem"));
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("trusted: yes"), r::toString);
        assertTrue(r.out().contains("name matches www.good.test: yes"), r::toString);
        assertTrue(r.out().contains("path: CN=good.test <- CN=Test Root CA"), r::toString);
        assertTrue(r.out().strip().endsWith("OK"), r::toString);
    }

    @Test
    void expiredCertificateSaysExpired() {
        Cli.Result r = Cli.run("verify", "--trust", p("ca.pem"), "--host", "old.test", p("old.pem"));
        assertEquals(ExitCodes.FAILED, r.exitCode(), r::toString);
        assertTrue(r.out().contains("trusted: no"), r::toString);
        assertTrue(r.out().contains("REFUSED:"), r::toString);
        assertTrue(r.out().contains("  expired: certificate CN=old.test expired on 2020-02-01T00:00:00Z"), r::toString);
        assertFalse(r.out().contains("name mismatch"), r::toString);
    }

    @Test
    void goodChainVerifiedAfterItsEndIsExpired() {
        Cli.Result r = Cli.run("verify", "--trust", p("ca.pem"), "--at", "2099-01-01", p("good.pem"));
        assertEquals(ExitCodes.FAILED, r.exitCode(), r::toString);
        assertTrue(r.out().contains("  expired: certificate CN=good.test expired on "), r::toString);
    }

    @Test
    void wrongHostListsTheCoveredNames() {
        Cli.Result r = Cli.run("verify", "--trust", p("ca.pem"), "--host", "evil.test", p("good.pem"));
        assertEquals(ExitCodes.FAILED, r.exitCode(), r::toString);
        assertTrue(r.out().contains("trusted: yes"), r::toString);
        assertTrue(r.out().contains("name matches evil.test: no"), r::toString);
        assertTrue(r.out().contains("  name mismatch: certificate for good.test does not cover evil.test"
                + " (covers: good.test, www.good.test)"), r::toString);
    }

    @Test
    void clientCertificateIsRefusedForServerPurposeAndAcceptedForClient() {
        Cli.Result r = Cli.run("verify", "--trust", p("ca.pem"), "--purpose", "server", p("clientonly.pem"));
        assertEquals(ExitCodes.FAILED, r.exitCode(), r::toString);
        assertTrue(r.out().contains("  wrong purpose: certificate CN=alice"), r::toString);

        Cli.Result ok = Cli.run("verify", "--trust", p("ca.pem"), "--purpose", "client", p("clientonly.pem"));
        assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
    }

    @Test
    void certificateOfAnUnknownCaIsRefused() {
        Cli.Result r = Cli.run("verify", "--trust", p("ca.pem"), "--host", "good.test", p("stranger.pem"));
        assertEquals(ExitCodes.FAILED, r.exitCode(), r::toString);
        assertTrue(r.out().contains("  unknown issuer: "), r::toString);
        assertTrue(r.out().contains("CN=Other Root CA"), r::toString);
        assertTrue(r.out().contains("name matches good.test: yes"), r::toString);
    }

    @Test
    void intermediateFromUntrustedCompletesThePath() {
        Cli.Result without = Cli.run("verify", "--trust", p("ca.pem"), p("deep.pem"));
        assertEquals(ExitCodes.FAILED, without.exitCode(), without::toString);
        assertTrue(without.out().contains("unknown issuer"), without::toString);

        Cli.Result with = Cli.run("verify", "--trust", p("ca.pem"), "--untrusted", p("int.pem"),
                "--host", "deep.test", p("deep.pem"));
        assertEquals(ExitCodes.OK, with.exitCode(), with::toString);
        assertTrue(with.out().contains("path: CN=deep.test <- CN=Test Intermediate CA <- CN=Test Root CA"), with::toString);
    }

    @Test
    void badInstantNamesTheFlagAndTheForm() {
        Cli.Result r = Cli.run("verify", "--at", "tomorrow", p("good.pem"));
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("'--at'"), r::toString);
        assertTrue(r.err().contains("ISO-8601"), r::toString);
    }

    @Test
    void missingChainFileIsAFailureNamingTheFile() {
        Cli.Result r = Cli.run("verify", "--trust", p("ca.pem"), p("nonexistent.pem"));
        assertEquals(ExitCodes.FAILED, r.exitCode(), r::toString);
        assertTrue(r.err().contains("nonexistent.pem"), r::toString);
    }
}
