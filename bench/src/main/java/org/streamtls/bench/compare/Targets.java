package org.streamtls.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.streamtls.tls.CryptoBackend;

/**
 * Issue 6's targets, judged on one run's medians: StreamTLS with its default crypto backend against
 * JSSE (and plain TCP) measured side by side.
 */
final class Targets {

    /** One target and where this run stands. */
    record Verdict(String target, String measured, String status) {
    }

    static final String MET = "met";
    static final String NOT_MET = "NOT met";
    static final String NOT_MEASURED = "not measured";

    static final String STREAMTLS = "StreamTLS " + CryptoBackend.defaultBackend().name();

    private Targets() {
    }

    static List<Verdict> judge(Results results) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Scenario s : List.of(Scenario.TLS13_ECDSA, Scenario.TLS12_RSA)) {
            String name = s.label().replaceAll(",.*", "");
            verdicts.add(ratio(results, Results.BULK, s.label(), JsseContender.NAME, 1.3,
                    "bulk " + name + " >= 1.3x JSSE"));
            verdicts.add(ratio(results, Results.BULK, s.label(), PlainTcpContender.NAME, 0.65,
                    "bulk " + name + " >= 0.65x plain TCP"));
        }
        verdicts.add(ratio(results, Results.HANDSHAKE, Scenario.TLS13_ECDSA.label(), JsseContender.NAME, 3.0,
                "full ECDSA P-256 handshakes/s >= 3x JSSE"));
        verdicts.add(ratio(results, Results.HANDSHAKE, Scenario.TLS13_RSA.label(), JsseContender.NAME, 1.5,
                "full RSA-2048 handshakes/s >= 1.5x JSSE"));
        String idleTarget = "idle TLS 1.3 server connection <= 16 KiB with virtual threads";
        Optional<Series> idle = results.find(Results.IDLE, ThreadKind.VIRTUAL.label() + " threads", STREAMTLS);
        if (idle.isEmpty() || idle.get().samples().isEmpty()) {
            verdicts.add(new Verdict(idleTarget, ThreadKind.VIRTUAL.available()
                    ? "no result" + idle.map(i -> i.failure() == null ? "" : ": " + i.failure()).orElse("")
                    : "JDK " + Runtime.version().feature() + " has no virtual threads", NOT_MEASURED));
        } else {
            double kib = idle.get().median() / 1024;
            verdicts.add(new Verdict(idleTarget, String.format(Locale.ROOT, "%.1f KiB", kib), kib <= 16 ? MET : NOT_MET));
        }
        return verdicts;
    }

    private static Verdict ratio(Results results, String test, String scenario, String reference, double goal,
            String target) {
        Optional<Series> ours = results.find(test, scenario, STREAMTLS);
        Optional<Series> theirs = results.find(test, scenario, reference);
        if (ours.isEmpty() || theirs.isEmpty() || ours.get().samples().isEmpty() || theirs.get().samples().isEmpty()) {
            String why = ours.map(Series::failure).orElse(null);
            return new Verdict(target, why == null ? "no result" : "failed: " + why, NOT_MEASURED);
        }
        double a = ours.get().median();
        double b = theirs.get().median();
        double ratio = a / b;
        double cpuRatio = ours.get().cpuMedian() / theirs.get().cpuMedian();
        String cpu = Double.isFinite(cpuRatio) ? String.format(Locale.ROOT, "; per CPU-second %.2fx", cpuRatio) : "";
        return new Verdict(target, String.format(Locale.ROOT, "%.2fx (%.0f vs %.0f %s)%s", ratio, a, b, ours.get().unit(), cpu),
                ratio >= goal ? MET : NOT_MET);
    }
}
