package io.cdclab.bench;

import io.cdclab.report.ReportPage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The levers matrix on the report's Benchmarks page: the verdict on the fast profile, the chart, the table. */
final class LeversReportSection {
    private LeversReportSection() {
    }

    @SuppressWarnings("unchecked")
    static void add(ReportPage page, Map<String, Object> report, String source) {
        Map<String, Object> r = (Map<String, Object>) report.get("results");
        List<Map<String, Object>> cells = (List<Map<String, Object>>) r.get("cells");
        Number ceiling = (Number) r.get("ceiling_changes_per_s");
        ReportPage.Section section = page.section("Throughput levers against the pgoutput ceiling")
                .paragraph("One lever changed at a time from the default (JSON with schemas, fixture batching, 1 partition, "
                        + "1 sink task), then the fast profile (-Dlab.profile=fast) with its levers together. Each cell is a "
                        + "fresh table and pipeline on one running topology; the ceiling is the median of the cells' bare "
                        + "pgoutput reads of the same changes. " + verdict((Map<String, Object>) r.get("fast_profile")) + " " + source);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ceiling_changes_per_s", ceiling);
        Map<String, Object> rates = new LinkedHashMap<>();
        cells.forEach(c -> rates.put(String.valueOf(c.get("cell")), c.get("chain_changes_per_s")));
        data.put("changes_per_s", rates);
        section.svg("Row changes per second by cell (bars), with the pgoutput ceiling and the fast profile's goal (lines)",
                LeversChart.svg(cells, ceiling), data);
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> c : cells) {
            Map<String, Number> cpu = (Map<String, Number>) c.get("cpu_seconds");
            rows.add(List.of(c.get("cell"), String.valueOf(c.get("description")), dash(c.get("chain_changes_per_s")),
                    dash(c.get("speedup_over_default")), dash(c.get("ratio_to_ceiling")),
                    LeversMarkdown.cpuOf(cpu, "connect") + " / " + LeversMarkdown.cpuOf(cpu, "kafka") + " / "
                            + LeversMarkdown.cpuOf(cpu, "postgres"),
                    dash(c.get("kafka_bytes_per_change")), dash(c.get("latency_p50_ms")),
                    c.containsKey("error") ? "failed: " + c.get("error") : ""));
        }
        section.table("Every cell", List.of("cell", "setting", "changes/s", "× default", "of ceiling",
                "CPU s connect / kafka / postgres", "bytes per change in Kafka", "latency p50 idle (ms)", "note"), rows);
        if (r.get("fast_under_jfr") instanceof Map<?, ?> jfrCell && jfrCell.get("jfr") instanceof List<?> profiles) {
            for (Map<String, Object> profile : (List<Map<String, Object>>) profiles) {
                if (profile.get("components_pct") instanceof Map<?, ?> components) {
                    section.barChart("What bounds the fast profile: the Connect worker's CPU samples by component during a "
                            + "repeat of the fast cell under JFR, %", (Map<String, Number>) components);
                }
            }
        }
    }

    private static Object dash(Object v) {
        return v == null ? "-" : v;
    }

    private static String verdict(Map<String, Object> fast) {
        if (fast == null) {
            return "The fast cell was not run.";
        }
        return "Fast profile: " + fast.get("changes_per_s") + " changes/s, " + fast.get("speedup_over_default")
                + "× the default (goal ≥ 2.5: " + (Boolean.TRUE.equals(fast.get("speedup_goal_met")) ? "met" : "missed")
                + "), " + fast.get("ratio_to_ceiling") + " of the ceiling (goal ≥ 0.1: "
                + (Boolean.TRUE.equals(fast.get("ratio_goal_met")) ? "met" : "missed") + ").";
    }
}
