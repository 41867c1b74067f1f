package io.cdclab.faults;

import io.cdclab.connect.IcebergCoordinatorOffsets;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.ChangeEventReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Row;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a loss left behind, gathered the moment a fault test finds committed inserts missing from the lake, so
 * that the failure explains itself instead of being a number: where the lost rows' change events sit in Kafka,
 * which offsets of each partition never reached the lake, how far the sink's consumer group had committed, the
 * table's snapshots with the sink's commit ids and control-topic offsets, and the coordinator elections Connect
 * logged. Works on a {@link WriteLoad} table (columns id, version) written with Iceberg's DebeziumTransform.
 *
 * <p>Each part is gathered on its own: one that fails says why in its place, and the others still come.
 */
public final class LossForensics {
    private static final int MAX_IDS = 10;
    private static final int MAX_RANGES = 12;
    private static final int MAX_LOG_LINES = 150;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final RunningTopology lab;
    private final Pipeline pipeline;
    private final String sourceTable;
    private final String lakeTable;

    private LossForensics(RunningTopology lab, Pipeline pipeline, String sourceTable, String lakeTable) {
        this.lab = lab;
        this.pipeline = pipeline;
        this.sourceTable = sourceTable;
        this.lakeTable = lakeTable;
    }

    /** The evidence for {@code missingIds} (inserts the load committed and the lake does not hold), as text. */
    public static String explain(RunningTopology lab, Pipeline pipeline, String sourceTable, String lakeTable,
                                 List<Long> missingIds, Map<String, List<String>> connectLogSinceStart) {
        LossForensics f = new LossForensics(lab, pipeline, sourceTable, lakeTable);
        StringBuilder out = new StringBuilder("Loss evidence for " + lakeTable + " (" + missingIds.size()
                + " committed insert(s) missing, first " + missingIds.stream().limit(MAX_IDS).toList() + "):\n");
        section(out, "Kafka and the lake, event by event", () -> f.kafkaAgainstLake(missingIds));
        section(out, "The sink's committed offsets", f::sinkGroupOffsets);
        section(out, "The table's snapshots", f::snapshots);
        section(out, "The pipeline's tasks and the sink's coordinator in the Connect log",
                () -> taskLines(connectLogSinceStart, pipeline));
        return out.toString();
    }

    private interface Part {
        String gather() throws Exception;
    }

    private static void section(StringBuilder out, String title, Part part) {
        out.append("-- ").append(title).append('\n');
        try {
            out.append(part.gather());
        } catch (Exception e) {
            out.append("  (not gathered: ").append(e).append(")\n");
        }
    }

    /** Every change event of the table's topic, matched to the lake's rows by (id, op, Kafka offset). */
    private String kafkaAgainstLake(List<Long> missingIds) {
        return kafkaAgainstLake(lab, pipeline.topic(sourceTable), lakeTable, missingIds);
    }

    /**
     * Every change event of {@code topic} matched to {@code lakeTable}'s rows (a table keyed by {@code id}, written
     * with Iceberg's DebeziumTransform) by (id, op, Kafka offset): where each of {@code missingIds} sits, and each
     * partition's offsets that never reached the lake. Also for a lake that holds fewer rows than the topic while
     * every key is there (a lost batch whose rows came again).
     */
    public static String kafkaAgainstLake(RunningTopology lab, String topic, String lakeTable, List<Long> missingIds) {
        List<ChangeEvent> events = ChangeEventReader.readToEnd(lab.kafkaBootstrapServers(), topic, READ_TIMEOUT)
                .stream().filter(e -> !e.isTombstone()).toList();
        Set<String> inLake = new HashSet<>();
        for (Row r : lab.lake().rows("SELECT id, _cdc.op, _cdc.offset FROM " + lakeTable)) {
            inLake.add(r.get(0) + ":" + r.getString(1) + ":" + r.get(2));
        }
        StringBuilder out = new StringBuilder();
        Set<Long> wanted = new HashSet<>(missingIds.stream().limit(MAX_IDS).toList());
        for (ChangeEvent e : events) {
            long id = e.row().path("id").asLong();
            if (wanted.contains(id)) {
                out.append("  id ").append(id).append(": ").append(describe(e, inLake)).append('\n');
            }
        }
        Map<Integer, List<ChangeEvent>> absentByPartition = new TreeMap<>();
        Map<Integer, Integer> countByPartition = new TreeMap<>();
        for (ChangeEvent e : events) {
            countByPartition.merge(e.partition(), 1, Integer::sum);
            if (!inLake.contains(lakeKey(e))) {
                absentByPartition.computeIfAbsent(e.partition(), p -> new ArrayList<>()).add(e);
            }
        }
        out.append("  topic ").append(topic).append(": ").append(events.size()).append(" events ")
                .append(countByPartition).append(" (partition=events)\n");
        countByPartition.keySet().forEach(p -> out.append("  partition ").append(p).append(": ")
                .append(ranges(absentByPartition.getOrDefault(p, List.of()))).append('\n'));
        return out.toString();
    }

    private static String describe(ChangeEvent e, Set<String> inLake) {
        return "partition " + e.partition() + " offset " + e.offset() + " op " + e.op() + " version "
                + e.row().path("version").asText() + (inLake.contains(lakeKey(e)) ? " in the lake" : " NOT in the lake");
    }

    /** DebeziumTransform writes c and r as I, u as U, d as D; _cdc.offset is the Kafka offset. */
    private static String lakeKey(ChangeEvent e) {
        String op = switch (e.op()) {
            case "c", "r" -> "I";
            case "u" -> "U";
            case "d" -> "D";
            default -> e.op();
        };
        return e.row().path("id").asLong() + ":" + op + ":" + e.offset();
    }

    /** Offsets absent from the lake, as runs ("offsets 14-19 (6)"), or "every event in the lake". */
    private static String ranges(List<ChangeEvent> absent) {
        if (absent.isEmpty()) {
            return "every event in the lake";
        }
        List<String> runs = new ArrayList<>();
        long start = absent.get(0).offset();
        long previous = start;
        for (int i = 1; i <= absent.size(); i++) {
            long offset = i < absent.size() ? absent.get(i).offset() : Long.MIN_VALUE;
            if (offset != previous + 1) {
                runs.add(start == previous ? "offset " + start : "offsets " + start + "-" + previous);
                start = offset;
            }
            previous = offset;
        }
        return absent.size() + " event(s) not in the lake: " + String.join(", ", runs.stream().limit(MAX_RANGES).toList())
                + (runs.size() > MAX_RANGES ? ", ..." : "");
    }

    /** The offsets the sink's workers committed with their DataWritten events (the sink's Connect group). */
    private String sinkGroupOffsets() throws Exception {
        String group = IcebergCoordinatorOffsets.coordinatorGroup(pipeline.sink()).replaceFirst("-coord$", "");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, lab.kafkaBootstrapServers()))) {
            StringBuilder out = new StringBuilder();
            for (String g : List.of(group, group + "-coord")) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(g)
                        .partitionsToOffsetAndMetadata().get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Map<String, Long> sorted = new TreeMap<>();
                offsets.forEach((tp, o) -> sorted.put(tp.toString(), o == null ? null : o.offset()));
                out.append("  group ").append(g).append(": ").append(sorted).append('\n');
            }
            return out.toString();
        }
    }

    private String snapshots() {
        StringBuilder out = new StringBuilder();
        for (Row r : lab.lake().rows("SELECT committed_at, snapshot_id, operation, summary FROM " + lakeTable
                + ".snapshots ORDER BY committed_at")) {
            Map<String, String> summary = r.getJavaMap(3);
            StringBuilder sinkProps = new StringBuilder();
            new TreeMap<>(summary).forEach((k, v) -> {
                if (k.startsWith("kafka.connect.")) {
                    sinkProps.append(' ').append(k.replaceFirst("^kafka\\.connect\\.", "")
                            .replaceFirst("^(offsets)\\..*", "$1")).append('=').append(v);
                }
            });
            out.append("  ").append(r.get(0)).append(' ').append(r.get(1)).append(' ').append(r.get(2))
                    .append(" added-records=").append(summary.get("added-records")).append(sinkProps).append('\n');
        }
        return out.toString();
    }

    /** Lines that mark the life of the pipeline's tasks and coordinator (starts, stops, snapshot, streaming,
     * assignments, warnings), from every worker's log, in time order; the routine commit lines are left out. */
    private static String taskLines(Map<String, List<String>> logs, Pipeline pipeline) {
        List<String> names = List.of(pipeline.source().name(), pipeline.sink().name(), "iceberg-coord",
                "cdc_" + pipeline.id().replace('-', '_'));
        List<String> marks = List.of("leader", "oordinator", "Starting", "Stopping", "stopped", "Snapshot", "streaming",
                "restart", "Revok", "Assign", "assign", "lost", "WARN", "ERROR", "offset");
        List<String> picked = new ArrayList<>();
        logs.forEach((file, lines) -> lines.stream()
                .filter(l -> names.stream().anyMatch(l::contains))
                .filter(l -> marks.stream().anyMatch(l::contains))
                .filter(l -> !l.contains("initiated commit") && !l.contains("completed commit"))
                .forEach(l -> picked.add(l + "  [" + file + "]")));
        if (picked.isEmpty()) {
            return "  (none)\n";
        }
        picked.sort(null); // each line starts with its time of day
        List<String> shown = picked.size() <= MAX_LOG_LINES ? picked
                : picked.subList(picked.size() - MAX_LOG_LINES, picked.size());
        StringBuilder out = new StringBuilder(picked.size() > MAX_LOG_LINES
                ? "  (the last " + MAX_LOG_LINES + " of " + picked.size() + " lines)\n" : "");
        shown.forEach(l -> out.append("  ").append(l.length() > 260 ? l.substring(0, 260) + "..." : l).append('\n'));
        return out.toString();
    }
}
