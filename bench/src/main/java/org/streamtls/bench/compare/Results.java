package org.streamtls.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything one run measured, with the machine it ran on. */
final class Results {

    static final String BULK = "bulk";
    static final String HANDSHAKE = "handshake";
    static final String IDLE = "idle";

    private final Machine machine;
    private final CompareOptions options;
    private final List<Series> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double loadAtEnd = -1;

    Results(Machine machine, CompareOptions options) {
        this.machine = machine;
        this.options = options;
    }

    Machine machine() {
        return machine;
    }

    CompareOptions options() {
        return options;
    }

    synchronized Series series(String test, String scenario, String contender, String unit) {
        return find(test, scenario, contender).orElseGet(() -> {
            Series s = new Series(test, scenario, contender, unit);
            series.add(s);
            return s;
        });
    }

    synchronized Optional<Series> find(String test, String scenario, String contender) {
        return series.stream().filter(s -> s.test().equals(test) && s.scenario().equals(scenario)
                && s.contender().equals(contender)).findFirst();
    }

    synchronized List<Series> all() {
        return List.copyOf(series);
    }

    synchronized List<Series> of(String test) {
        return series.stream().filter(s -> s.test().equals(test)).toList();
    }

    /** Scenarios of a test, in the order first measured. */
    synchronized List<String> scenarios(String test) {
        return of(test).stream().map(Series::scenario).distinct().toList();
    }

    synchronized void loadAtEnd(double load) {
        this.loadAtEnd = load;
    }

    /** The one-minute load average when the run ended, -1 if unknown. */
    synchronized double loadAtEnd() {
        return loadAtEnd;
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
