package io.cdclab.bench;

import io.cdclab.errors.LabException;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import org.apache.iceberg.Snapshot;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of the levers matrix on a fresh table and pipeline: {@code changes} inserts timed from the first write
 * to the Iceberg snapshot holding the last row, CPU seconds per process meanwhile, the topic's bytes per change,
 * then (with the pipeline idle again) the commit-to-visible latency of a few probe rows on a second table of the
 * same pipeline, and last the same changes read as raw pgoutput (the ceiling) after the pipeline is removed.
 */
final class LeverRun {
    private static final Logger LOG = LoggerFactory.getLogger(LeverRun.class);
    private static final int PROBE_RATE_PER_SECOND = 10;
    private static final long PROBE_POLL_MS = 50;

    private final RunningTopology lab;
    private final BenchSettings settings;
    private final ProcessCpu cpu;

    private final Path benchDir;

    LeverRun(RunningTopology lab, BenchSettings settings, ProcessCpu cpu, Path benchDir) {
        this.lab = lab;
        this.settings = settings;
        this.cpu = cpu;
        this.benchDir = benchDir;
    }

    Map<String, Object> measure(LeverMatrix.Cell cell, int sequence, boolean profile) {
        String label = "lv" + sequence + "_" + cell.name().replace('-', '_');
        String table = "public." + label;
        String probeTable = table + "_probe";
        long changes = settings.leversChanges();
        LOG.info("levers {}: {} ({} changes)", label, cell.description(), changes);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cell", cell.name());
        figures.put("lever", cell.lever());
        figures.put("description", cell.description());
        figures.put("changes", changes);
        figures.put("partitions", cell.partitions());
        figures.put("sink_tasks", cell.sinkTasks());
        Duration timeout = Duration.ofSeconds(120 + changes / 500);
        ProbeWriter.createTable(lab.source(), probeTable);
        try (ChangeGenerator generator = ChangeGenerator.createTable(lab.source(), table)) {
            Pipeline pipeline = start(cell, label, table, probeTable);
            figures.put("converter", pipeline.converter().id());
            figures.put("source_config", settingsOf(pipeline));
            boolean removed = false;
            try (PgOutputCeiling ceiling = PgOutputCeiling.create(lab.source(), "ceiling_" + label, table);
                 ProbeWriter probes = ProbeWriter.open(lab.source(), probeTable, settings.leversProbes())) {
                IcebergTableWatch watch = IcebergTableWatch.of(lab, pipeline.prefix(), label);
                probes.writeNow(0); // creates the probe table in Iceberg while the load runs; not measured
                JfrProfiler profiler = profile ? JfrProfiler.start(settings, benchDir, "levers-" + label) : null;
                Map<Long, ProcessCpu.Sample> cpuBefore = cpu.sample();
                long startMillis = System.currentTimeMillis();
                Duration generated = generator.insert(changes, settings.batchRows());
                Snapshot last = ThroughputRun.awaitAllRows(watch, changes, timeout);
                long chainMs = Math.max(1, last.timestampMillis() - startMillis);
                if (profiler != null) {
                    List<Map<String, Object>> profiles = new ArrayList<>();
                    profiler.stop().forEach(r -> profiles.add(JfrSummary.summarize(r, 15)));
                    figures.put("jfr", profiles);
                }
                figures.put("cpu_seconds", ProcessCpu.secondsBetween(cpuBefore, cpu.sample()));
                figures.put("chain_ms", chainMs);
                figures.put("generate_ms", generated.toMillis());
                figures.put("chain_changes_per_s", ThroughputRun.perSecond(changes, chainMs));
                long bytes = KafkaTopicBytes.of(lab.kafkaBootstrapServers(), pipeline.topic(table));
                figures.put("kafka_topic_bytes", bytes);
                figures.put("kafka_bytes_per_change", Math.round((double) bytes / changes));
                figures.putAll(probeLatency(lab, pipeline, probeTable, probes));
                removePipeline(pipeline);
                removed = true;
                Map<String, Object> ceilingFigures = ceiling.read(changes, timeout);
                figures.put("cell_ceiling_changes_per_s", ceilingFigures.get("changes_per_s"));
            } finally {
                if (!removed) {
                    removePipeline(pipeline); // a failed cell must not leave a connector streaming into the next one
                }
            }
        }
        LOG.info("levers {}: {}", label, figures);
        return figures;
    }

    private Pipeline start(LeverMatrix.Cell cell, String label, String table, String probeTable) {
        Pipeline.Builder builder = lab.pipeline(label.replace('_', '-')).tables(table, probeTable)
                .profile(cell.profile())
                .converter(cell.converter() != null ? cell.converter() : cell.profile().converter())
                .set("kafka.partitions", Integer.toString(cell.partitions()))
                .set("iceberg.commit.interval.ms", Long.toString(settings.commitInterval().toMillis()))
                .sinkConfig("tasks.max", Integer.toString(cell.sinkTasks()))
                .timeout(Duration.ofSeconds(120));
        cell.sourceConfig().forEach(builder::sourceConfig);
        return builder.start();
    }

    /** The source settings a cell changes (the levers), as the connector got them. */
    private static Map<String, String> settingsOf(Pipeline pipeline) {
        Map<String, String> levers = new LinkedHashMap<>();
        pipeline.source().config().forEach((k, v) -> {
            if (k.startsWith("producer.override.") || k.equals("max.batch.size") || k.equals("max.queue.size")
                    || k.equals("value.converter") || k.equals("value.converter.schemas.enable")) {
                levers.put(k, v);
            }
        });
        return levers;
    }

    /** Commit-to-visible of {@code bench.levers.probes} probe rows at 10/s on the idle pipeline. */
    private Map<String, Object> probeLatency(RunningTopology lab, Pipeline pipeline, String probeTable, ProbeWriter writer) {
        IcebergTableWatch watch = IcebergTableWatch.of(lab, pipeline.prefix(), probeTable.substring("public.".length()));
        int count = settings.leversProbes();
        try (ProbeVisibility visibility = new ProbeVisibility(watch, PROBE_POLL_MS)) {
            await(visibility, 1, Duration.ofSeconds(60), "the warm-up probe");
            writer.start(PROBE_RATE_PER_SECOND);
            await(visibility, count + 1, Duration.ofSeconds(60 + count / PROBE_RATE_PER_SECOND), count + " probes");
            List<Long> visible = new ArrayList<>();
            List<Long> pipelineOnly = new ArrayList<>();
            for (long id = 1; id <= count; id++) {
                long committed = writer.committedAt().get(id);
                visible.add(visibility.seen(id).observedEpochMillis() - committed);
                pipelineOnly.add(visibility.seen(id).snapshotEpochMillis() - committed);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("latency_probes", count);
            m.put("latency_p50_ms", Percentiles.of(visible.stream().sorted().toList(), 50));
            m.put("latency_to_snapshot_commit_p50_ms", Percentiles.of(pipelineOnly.stream().sorted().toList(), 50));
            return m;
        }
    }

    private static void await(ProbeVisibility visibility, int count, Duration timeout, String what) {
        try {
            Awaitility.await(what + " to be visible in Iceberg").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> visibility.visibleCount() >= count);
        } catch (ConditionTimeoutException e) {
            throw new LabException(visibility.visibleCount() + " of " + count + " probes visible in Iceberg after "
                    + timeout.toSeconds() + " s (" + what + "); last poll error: " + visibility.lastFailure(), e);
        }
    }

    private void removePipeline(Pipeline pipeline) {
        pipeline.delete();
        ReplicationSlots.dropWhenInactive(lab.source(), pipeline.prefix(), Duration.ofSeconds(60));
    }
}
