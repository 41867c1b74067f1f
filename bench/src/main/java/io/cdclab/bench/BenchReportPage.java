package io.cdclab.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.errors.LabException;
import io.cdclab.report.LabReport;
import io.cdclab.report.ReportPage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "Benchmarks" page of the lab report, rebuilt from whatever {@code target/bench/{latency,throughput,scaling}.json}
 * exist, so a run of one suite does not drop the others' newest figures from the page.
 */
final class BenchReportPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchReportPage() {
    }

    static void write(Path benchDir) {
        ReportPage page = LabReport.page("benchmarks", "Benchmarks");
        read(benchDir.resolve("latency.json")).ifPresent(r -> latency(page, r));
        read(benchDir.resolve("throughput.json")).ifPresent(r -> throughput(page, r));
        read(benchDir.resolve("scaling.json")).ifPresent(r -> scaling(page, r));
        read(benchDir.resolve("levers.json")).ifPresent(r -> LeversReportSection.add(page, r, source(r)));
        page.write();
    }

    @SuppressWarnings("unchecked")
    private static void latency(ReportPage page, Map<String, Object> report) {
        Map<String, Object> r = (Map<String, Object>) report.get("results");
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Number> bars = new LinkedHashMap<>();
        for (String key : List.of("commit_to_visible", "commit_to_snapshot_commit", "snapshot_commit_to_visible")) {
            Map<String, Number> s = (Map<String, Number>) r.get(key);
            rows.add(List.of(key.replace('_', ' '), s.get("p50_ms"), s.get("p95_ms"), s.get("p99_ms"), s.get("max_ms")));
            if (key.equals("commit_to_visible")) {
                List.of("p50", "p95", "p99").forEach(p -> bars.put("visible " + p, s.get(p + "_ms")));
            }
        }
        ReportPage.Section section = page.section("End-to-end latency (PostgreSQL commit to a new Iceberg snapshot)")
                .paragraph(r.get("probes") + " probes at " + r.get("probe_rate_per_s") + "/s under a background load of "
                        + r.get("background_load_transactions_per_s") + " transactions/s; sink commit interval "
                        + r.get("sink_commit_interval_ms") + " ms. Goal: p50 ≤ 1.5 s, p99 ≤ 3 s: "
                        + (Boolean.TRUE.equals(r.get("goal_met")) ? "met." : "missed.") + " " + source(report))
                .table("Milliseconds", List.of("measure", "p50", "p95", "p99", "max"), rows)
                .barChart("Commit to visible, milliseconds", bars);
        if (r.get("commit_to_visible_samples_ms") instanceof List<?> samples && !samples.isEmpty()) {
            List<Long> ms = samples.stream().map(v -> ((Number) v).longValue()).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("probes", ms.size());
            data.put("bin_ms", LatencyHistogram.binWidth(ms));
            data.put("bins", LatencyHistogram.bins(ms, LatencyHistogram.binWidth(ms)));
            section.svg("Distribution of commit to visible over " + ms.size() + " probes (probes per bin; p50, p95, p99 and the goals marked)",
                            LatencyHistogram.svg(ms), data);
        }
    }

    @SuppressWarnings("unchecked")
    private static void throughput(ReportPage page, Map<String, Object> report) {
        Map<String, Object> r = (Map<String, Object>) report.get("results");
        Map<String, Number> rates = new LinkedHashMap<>();
        rates.put("generator (PostgreSQL writes)", (Number) r.get("generator_changes_per_s"));
        rates.put("ceiling (bare pgoutput client)", (Number) r.get("ceiling_changes_per_s"));
        rates.put("whole chain to Iceberg", (Number) r.get("chain_changes_per_s"));
        ReportPage.Section section = page.section("Throughput against the logical-decoding ceiling")
                .paragraph(r.get("changes") + " inserts, " + r.get("partitions") + " partition(s), " + r.get("sink_tasks")
                        + " sink task(s). Ratio chain / ceiling: " + r.get("ratio_to_ceiling") + " (goal ≥ 0.5). "
                        + source(report))
                .barChart("Row changes per second", rates)
                .barChart("CPU seconds per part while the chain ran", (Map<String, Number>) r.get("cpu_seconds_during_chain"));
        Object jfr = r.get("jfr");
        if (jfr != null) {
            for (Map<String, Object> profile : (List<Map<String, Object>>) jfr) {
                Map<String, Number> components = (Map<String, Number>) profile.get("components_pct");
                if (components != null) {
                    section.barChart("Where the CPU samples fall, % (" + profile.get("recording") + ")", components);
                }
                List<List<Object>> rows = new ArrayList<>();
                ((Map<String, Object>) profile.get("top_self_frames_pct")).forEach((k, v) -> rows.add(List.of(k, v)));
                section.table("Hottest frames (self), " + profile.get("recording"), List.of("frame", "% of samples"), rows);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void scaling(ReportPage page, Map<String, Object> report) {
        List<Map<String, Object>> cells = (List<Map<String, Object>>) report.get("results");
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Number> bars = new LinkedHashMap<>();
        for (Map<String, Object> c : cells) {
            rows.add(List.of(c.get("changes"), c.get("partitions"), c.get("sink_tasks"), c.get("chain_changes_per_s"),
                    c.get("ceiling_changes_per_s"), c.get("ratio_to_ceiling"), c.get("drain_after_last_write_ms")));
            bars.put(ThroughputRun.shortCount(((Number) c.get("changes")).longValue()) + ", p" + c.get("partitions")
                    + ", t" + c.get("sink_tasks"), (Number) c.get("chain_changes_per_s"));
        }
        page.section("Scaling: changes, partitions, sink tasks")
                .paragraph("Each cell is a fresh table and pipeline on one running topology. " + source(report))
                .table("", List.of("changes", "partitions", "sink tasks", "chain changes/s", "ceiling changes/s",
                        "ratio", "drain after last write (ms)"), rows)
                .barChart("Whole chain, row changes per second", bars);
    }

    static String source(Map<String, Object> report) {
        return "Measured " + report.get("when") + " on " + Machine.oneLine(castMap(report.get("machine"))) + ". Reproduce: "
                + report.get("command");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Optional<Map<String, Object>> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            throw new LabException("Cannot read " + file + " for the Benchmarks page: " + e.getMessage(), e);
        }
    }
}
