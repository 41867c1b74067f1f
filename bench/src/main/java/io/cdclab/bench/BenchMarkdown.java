package io.cdclab.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable twin of each benchmark's JSON: tables and the verdict against the goal. */
final class BenchMarkdown {
    private BenchMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String latency(Map<String, Object> r) {
        StringBuilder md = new StringBuilder("# End-to-end latency: PostgreSQL commit to a new Iceberg snapshot\n\n");
        md.append(r.get("probes")).append(" probes at ").append(r.get("probe_rate_per_s")).append("/s, sink commit interval ")
                .append(r.get("sink_commit_interval_ms")).append(" ms, ").append(r.get("partitions")).append(" partition(s), ")
                .append(r.get("sink_tasks")).append(" sink task(s), background load ")
                .append(r.get("background_load_transactions_per_s")).append(" transactions/s on another table of the same pipeline; ")
                .append("the bench polls the table's snapshots every ").append(r.get("poll_interval_ms")).append(" ms.\n\n");
        md.append("| measure | p50 | p95 | p99 | min | max |\n|---|---:|---:|---:|---:|---:|\n");
        for (String key : List.of("commit_to_visible", "commit_to_snapshot_commit", "snapshot_commit_to_visible")) {
            Map<String, Number> s = (Map<String, Number>) r.get(key);
            md.append("| ").append(key.replace('_', ' ')).append(" | ").append(ms(s.get("p50_ms"))).append(" | ")
                    .append(ms(s.get("p95_ms"))).append(" | ").append(ms(s.get("p99_ms"))).append(" | ")
                    .append(ms(s.get("min_ms"))).append(" | ").append(ms(s.get("max_ms"))).append(" |\n");
        }
        Map<String, Number> visible = (Map<String, Number>) r.get("commit_to_visible");
        md.append("\nGoal at a 1 s commit interval: p50 ≤ 1.5 s and p99 ≤ 3 s (commit to visible). ")
                .append(Boolean.TRUE.equals(r.get("goal_met")) ? "Met" : "Missed").append(": p50 ").append(ms(visible.get("p50_ms")))
                .append(", p99 ").append(ms(visible.get("p99_ms"))).append(".\n");
        md.append("\n*commit to snapshot commit* is the pipeline's own latency (the sink's snapshot timestamp); "
                + "*snapshot commit to visible* is the bench's poll and read delay.\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    static String throughput(Map<String, Object> r) {
        StringBuilder md = new StringBuilder("# Throughput through the whole chain, against the logical-decoding ceiling\n\n");
        md.append(r.get("changes")).append(" inserts (server-side `INSERT ... SELECT generate_series`), ")
                .append(r.get("partitions")).append(" partition(s), ").append(r.get("sink_tasks"))
                .append(" sink task(s), sink commit interval ").append(r.get("sink_commit_interval_ms")).append(" ms.\n\n");
        md.append("| figure | value |\n|---|---:|\n");
        row(md, "whole chain, first write to the Iceberg snapshot holding the last row", ms(r.get("chain_ms")));
        row(md, "whole chain, changes/s", r.get("chain_changes_per_s"));
        row(md, "ceiling: bare pgoutput client, changes/s", r.get("ceiling_changes_per_s"));
        row(md, "ratio chain / ceiling (goal ≥ 0.5)", r.get("ratio_to_ceiling"));
        row(md, "generator: writing the changes in PostgreSQL", ms(r.get("generate_ms")));
        row(md, "generator changes/s", r.get("generator_changes_per_s"));
        row(md, "drain: last write to last row in Iceberg", ms(r.get("drain_after_last_write_ms")));
        row(md, "Iceberg rows / snapshots", r.get("iceberg_rows") + " / " + r.get("iceberg_snapshots"));
        md.append("\nCPU seconds per part while the chain ran (2 cores = 2 CPU seconds per second):\n\n| part | CPU s |\n|---|---:|\n");
        ((Map<String, Object>) r.get("cpu_seconds_during_chain")).forEach((k, v) -> row(md, k, v));
        Object jfr = r.get("jfr");
        if (jfr != null) {
            md.append("\n## Flight recordings during the chain\n\n");
            ((List<Map<String, Object>>) jfr).forEach(p -> md.append(JfrSummary.markdown(p)));
        }
        return md.toString();
    }

    static String scaling(List<Map<String, Object>> cells) {
        StringBuilder md = new StringBuilder("# Scaling: changes, partitions, sink tasks\n\n");
        md.append("| changes | partitions | sink tasks | chain changes/s | ceiling changes/s | ratio | chain | drain after last write | generator changes/s |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> c : cells) {
            md.append("| ").append(c.get("changes")).append(" | ").append(c.get("partitions")).append(" | ")
                    .append(c.get("sink_tasks")).append(" | ").append(c.get("chain_changes_per_s")).append(" | ")
                    .append(c.get("ceiling_changes_per_s")).append(" | ").append(c.get("ratio_to_ceiling")).append(" | ")
                    .append(ms(c.get("chain_ms"))).append(" | ").append(ms(c.get("drain_after_last_write_ms"))).append(" | ")
                    .append(c.get("generator_changes_per_s")).append(" |\n");
        }
        md.append("\nEach row is a fresh table and pipeline on the same running topology; the ceiling is read after the "
                + "pipeline is removed. Small runs are dominated by fixed costs (topic creation, the first commits), "
                + "which is why changes/s grows with the number of changes.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Object value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    static String ms(Object millis) {
        if (millis == null) {
            return "-";
        }
        long ms = ((Number) millis).longValue();
        return Math.abs(ms) < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** F3-F5 and F9 under the lab's default settings and under the recovery profile, side by side. */
    static String recovery(List<Map<String, Object>> results) {
        StringBuilder md = new StringBuilder("# Recovery: default settings against the recovery profile\n\n"
                + "Time to recover: from the fault until a row written after it is in the Iceberg table, under a write "
                + "load of one transaction every 100 ms. Settings: `io.cdclab.profiles.RecoveryProfile`.\n\n"
                + "| fault | profile | loss guard | recover | restarts | rows lost | raw dup. | F8 | load avg |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : results) {
            md.append("| ").append(r.getOrDefault("id", "?")).append(" | ").append(r.get("profile")).append(" | ")
                    .append(r.get("loss_guard")).append(" | ")
                    // seconds throughout: the ≤ 15 s goal is read down this column
                    .append(r.containsKey("error") ? "failed: " + r.get("error") : String.format(Locale.ROOT, "%.1f s",
                            ((Number) r.get("recover_ms")).longValue() / 1000.0))
                    .append(" | ").append(r.getOrDefault("restarts", "-")).append(" | ")
                    .append(r.getOrDefault("rows_lost", "-")).append(" | ")
                    .append(r.getOrDefault("raw_duplicate_events", "-")).append(" | ")
                    .append(Boolean.TRUE.equals(r.get("invariants_hold")) ? "holds" : String.valueOf(r.get("invariant_violations")))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", ((Number) r.get("load_average_before")).doubleValue()))
                    .append(" |\n");
        }
        return md.toString();
    }
}
