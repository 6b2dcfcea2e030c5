package org.streamtls.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BENCHMARKS.md keeps one section per JDK; the targets are judged from the medians. */
class MarkdownReportTest {

    private static Results results(int jdk, double streamTls, double jsse, double plain) {
        Machine machine = new Machine("Test CPU", 2, 1L << 34, "Linux", "JDK " + jdk, jdk, "1.84",
                "2026-01-01 00:00 UTC", 1.0);
        Results results = new Results(machine, CompareOptions.parse());
        String scenario = Scenario.TLS13_ECDSA.label();
        results.series(Results.BULK, scenario, PlainTcpContender.NAME, "MB/s").add(plain);
        results.series(Results.BULK, scenario, JsseContender.NAME, "MB/s").add(jsse);
        for (double v : new double[] {streamTls - 10, streamTls, streamTls + 100}) {
            results.series(Results.BULK, scenario, Targets.STREAMTLS, "MB/s").add(v);
        }
        return results;
    }

    @Test
    void eachJdkKeepsItsOwnSection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        MarkdownReport.write(file, results(25, 2600, 2000, 3600));
        MarkdownReport.write(file, results(17, 1000, 1500, 3700));
        String withNotes = Files.readString(file).replace("## Method",
                "<!-- notes begin -->\n## Why\nThe profile says so.\n<!-- notes end -->\n\n## Method");
        Files.writeString(file, withNotes);
        MarkdownReport.write(file, results(25, 2700, 2000, 3600));

        String md = Files.readString(file);
        assertEquals(1, count(md, "<!-- section jdk-17 -->"));
        assertEquals(1, count(md, "<!-- section jdk-25 -->"));
        assertEquals(1, count(md, "## Method"));
        assertEquals(1, count(md, "<!-- notes begin -->\n## Why\nThe profile says so.\n<!-- notes end -->"));
        assertTrue(md.indexOf("## Why") < md.indexOf("## Method"), md);
        assertTrue(md.indexOf("## JDK 17") < md.indexOf("## JDK 25"), md);
        // the second JDK 25 run replaced the first: median 2700 of {2690, 2700, 2800}
        assertTrue(md.contains("| StreamTLS default | 2700 | 1.35 | 0.75 |"), md);
        assertTrue(!md.contains("| StreamTLS default | 2600 |"), md);
        assertTrue(md.contains("| StreamTLS default | 1000 | 0.67 | 0.27 |"), md);
        // the at-a-glance table has one column per JDK, from both sections
        assertTrue(md.contains("| Target | JDK 17 | JDK 25 |"), md);
        assertTrue(md.contains("| bulk TLS 1.3 AES-128-GCM >= 1.3x JSSE | NOT met — 0.67x (1000 vs 1500 MB/s)"
                + " | **met** — 1.35x (2700 vs 2000 MB/s) |"), md);
    }

    @Test
    void targetsAreJudgedOnMedians() {
        Results met = results(25, 2700, 2000, 3600);
        Targets.Verdict bulkVsJsse = Targets.judge(met).get(0);
        assertEquals(Targets.MET, bulkVsJsse.status(), bulkVsJsse.toString());
        assertTrue(bulkVsJsse.measured().startsWith("1.35x"), bulkVsJsse.measured());
        Targets.Verdict bulkVsTcp = Targets.judge(met).get(1);
        assertEquals(Targets.MET, bulkVsTcp.status(), bulkVsTcp.toString());

        Results missed = results(17, 1000, 1500, 3700);
        assertEquals(Targets.NOT_MET, Targets.judge(missed).get(0).status());
        assertEquals(Targets.NOT_MET, Targets.judge(missed).get(1).status());
        // nothing measured for TLS 1.2 or handshakes in this fake run
        assertEquals(Targets.NOT_MEASURED, Targets.judge(missed).get(2).status());
    }

    @Test
    void badOptionsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompareOptions.parse("--rounds", "zero"));
        assertTrue(e.getMessage().contains("zero"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CompareOptions.parse("--only", "bulk,speed"));
        assertTrue(e.getMessage().contains("speed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CompareOptions.parse("--contenders", "jsse,openssl"));
        assertTrue(e.getMessage().contains("openssl"), e.getMessage());
        assertEquals(java.util.List.of("plain", "jsse", "default"),
                CompareOptions.parse("--contenders", "default,jsse,plain").contenders());
        assertEquals(256L * 1024 * 1024, CompareOptions.parse().bulkBytes());
        assertEquals(4L * 1024 * 1024, CompareOptions.parse("--quick").bulkBytes());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
