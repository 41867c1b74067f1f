package io.cdclab.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.util.LabHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The faults page's "default settings against the recovery profile" table: this run's suite figure for each of
 * F3, F4, F5 and F9 (the suite runs them with the recovery profile, to keep CI short), beside the recovery
 * benchmark's figures, which time each fault under both profiles in one run: the newest
 * {@code target/bench/recovery.json} of this checkout, else the reference run shipped in the lab's jar (a CI run
 * has no time for the benchmark's 4 topologies and ~12 minutes), named as such on the page.
 */
final class RecoveryComparison {
    static final List<String> FAULTS = List.of("F3", "F4", "F5", "F9");
    /** One full {@code -Dbench.suite=recovery} run on a development machine, copied from its target/bench. */
    static final String REFERENCE = "/io/cdclab/faults/recovery-reference.json";

    private RecoveryComparison() {
    }

    static Path benchFile() {
        return LabHome.locate().resolve("target/bench/recovery.json");
    }

    /** Where the figures come from and when they were taken, or empty when there are none. */
    static Optional<String> benchSource() {
        return bench().map(b -> (Files.isRegularFile(benchFile()) ? "this checkout's newest run, "
                : "the reference run shipped with the lab (no bench run here yet), ") + b.path("when").asText()
                + (b.path("machine").has("cores") ? " on " + b.path("machine").path("cores").asInt() + " cores, "
                + b.path("machine").path("ram_gib").asInt() + " GiB" : ""));
    }

    static List<List<Object>> rows(Map<String, FaultOutcome> suite) {
        Optional<JsonNode> bench = bench();
        List<List<Object>> rows = new ArrayList<>();
        for (String id : FAULTS) {
            FaultOutcome o = suite.get(id);
            rows.add(List.of(id, o == null ? "not run" : FaultsReport.seconds(o.timeToRecover()) + " (" + profileOf(o) + ")",
                    benchFigure(bench, id, "default"), benchFigure(bench, id, "recovery")));
        }
        return rows;
    }

    private static String profileOf(FaultOutcome o) {
        return o.fault().contains("(recovery settings)") ? "recovery" : "default";
    }

    private static String benchFigure(Optional<JsonNode> bench, String id, String profile) {
        if (bench.isEmpty()) {
            return "no bench run (-Dbench.suite=recovery)";
        }
        for (JsonNode r : bench.get().path("results")) {
            if (id.equals(r.path("id").asText()) && profile.equals(r.path("profile").asText())) {
                if (r.has("error")) {
                    return "did not recover: " + r.path("error").asText();
                }
                return String.format(Locale.ROOT, "%.1f s (lost %d, load %.1f)", r.path("recover_ms").asLong() / 1000.0,
                        r.path("rows_lost").asLong(), r.path("load_average_before").asDouble());
            }
        }
        return "not in the bench run";
    }

    private static Optional<JsonNode> bench() {
        Path file = benchFile();
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(new ObjectMapper().readTree(file.toFile()));
            }
            try (var in = RecoveryComparison.class.getResourceAsStream(REFERENCE)) {
                return in == null ? Optional.empty() : Optional.of(new ObjectMapper().readTree(in));
            }
        } catch (IOException e) {
            return Optional.empty(); // a half-written or foreign file: the page says there is no bench run
        }
    }
}
