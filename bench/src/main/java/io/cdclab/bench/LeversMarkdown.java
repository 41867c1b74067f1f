package io.cdclab.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable twin of {@code levers.json}: one row per cell, then the fast profile against its goals. */
final class LeversMarkdown {
    private LeversMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> results) {
        StringBuilder md = new StringBuilder("# Throughput levers, one at a time from the default, against the pgoutput ceiling\n\n");
        md.append("Ceiling (median of the cells' bare pgoutput reads): ").append(value(results.get("ceiling_changes_per_s")))
                .append(" changes/s; default cell: ").append(value(results.get("default_changes_per_s"))).append(" changes/s.\n\n");
        md.append("| cell | lever | setting | changes/s | × default | ratio to ceiling | CPU s: connect / kafka / postgres | bytes per change in Kafka | latency p50 (idle, ms) | load avg |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> c : (List<Map<String, Object>>) results.get("cells")) {
            md.append("| ").append(c.get("cell")).append(" | ").append(c.get("lever")).append(" | ")
                    .append(String.valueOf(c.get("description")).replace("|", "/")).append(" | ");
            if (c.containsKey("error")) {
                md.append("failed: ").append(String.valueOf(c.get("error")).replace("|", "/").replace("\n", " "))
                        .append(" | | | | | | |\n");
                continue;
            }
            Map<String, Number> cpu = (Map<String, Number>) c.get("cpu_seconds");
            md.append(value(c.get("chain_changes_per_s"))).append(" | ").append(value(c.get("speedup_over_default"))).append(" | ")
                    .append(value(c.get("ratio_to_ceiling"))).append(" | ")
                    .append(cpuOf(cpu, "connect")).append(" / ").append(cpuOf(cpu, "kafka")).append(" / ").append(cpuOf(cpu, "postgres"))
                    .append(" | ").append(value(c.get("kafka_bytes_per_change"))).append(" | ").append(value(c.get("latency_p50_ms")))
                    .append(" | ").append(value(c.get("load_average_before"))).append(" |\n");
        }
        Map<String, Object> fast = (Map<String, Object>) results.get("fast_profile");
        if (fast != null) {
            md.append("\nFast profile (`-Dlab.profile=fast`, 1 partition, 1 sink task): ").append(value(fast.get("changes_per_s")))
                    .append(" changes/s, ").append(value(fast.get("speedup_over_default"))).append("× the default (goal ≥ ")
                    .append(fast.get("goal_speedup")).append(": ").append(met(fast.get("speedup_goal_met"))).append("), ")
                    .append(value(fast.get("ratio_to_ceiling"))).append(" of the ceiling (goal ≥ ").append(fast.get("goal_ratio_to_ceiling"))
                    .append(": ").append(met(fast.get("ratio_goal_met"))).append(").\n");
            md.append("Fastest cell with 1 partition, 1 sink task and a converter that keeps C4's types (JSON with schemas or Avro): ")
                    .append(value(results.get("fastest_keeping_c4_types"))).append(".\n");
        }
        if (results.get("fast_under_jfr") instanceof Map<?, ?> jfrCell) {
            Map<String, Object> c = (Map<String, Object>) jfrCell;
            md.append("\n## The fast cell again, under JDK Flight Recorder\n\n").append(value(c.get("chain_changes_per_s")))
                    .append(" changes/s while recorded (not compared: the recording costs CPU); CPU s connect / kafka: ")
                    .append(cpuOf((Map<String, Number>) c.get("cpu_seconds"), "connect")).append(" / ")
                    .append(cpuOf((Map<String, Number>) c.get("cpu_seconds"), "kafka")).append(".\n\n");
            if (c.get("jfr") instanceof List<?> profiles) {
                ((List<Map<String, Object>>) profiles).forEach(p -> md.append(JfrSummary.markdown(p)));
            }
        }
        md.append("\nEach cell is a fresh table and pipeline on the same running topology. *CPU s* are the processes' CPU "
                + "seconds from the first write to the last row in Iceberg (postgres: WAL senders and backends together). "
                + "*Bytes per change* is the table topic's size on the broker's disk over the changes (after compression). "
                + "*Latency p50* is commit to visible in Iceberg of probe rows written at 10/s once the load has drained, "
                + "so it shows what a setting costs an idle pipeline (linger, batch waits), not the backlog.\n");
        return md.toString();
    }

    /** CPU seconds of the parts whose name starts with {@code prefix} (postgres has several). */
    static String cpuOf(Map<String, Number> cpu, String prefix) {
        if (cpu == null) {
            return "-";
        }
        double sum = cpu.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.summingDouble(e -> e.getValue().doubleValue()));
        return String.format(Locale.ROOT, "%.1f", sum);
    }

    private static String met(Object goalMet) {
        return Boolean.TRUE.equals(goalMet) ? "met" : "missed";
    }

    private static String value(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
        }
        return String.valueOf(v);
    }
}
