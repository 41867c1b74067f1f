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
 * F3, F4, F5 and F9 (the suite runs them with the recovery profile, to keep CI short), beside the newest
 * {@code target/bench/recovery.json}, which times each fault under both profiles in one run.
 */
final class RecoveryComparison {
    static final List<String> FAULTS = List.of("F3", "F4", "F5", "F9");

    private RecoveryComparison() {
    }

    static Path benchFile() {
        return LabHome.locate().resolve("target/bench/recovery.json");
    }

    /** When the bench ran (its "when"), or empty when there is no bench file yet. */
    static Optional<String> benchTime() {
        return bench().map(b -> b.path("when").asText());
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
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty(); // a half-written or foreign file: the page says there is no bench run
        }
    }
}
