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
 * One throughput measurement: {@code changes} inserts on a fresh table through the whole chain (PostgreSQL,
 * Debezium, Kafka with {@code partitions} partitions, the Iceberg sink with {@code sinkTasks} tasks), timed from
 * the first write to the Iceberg snapshot that holds the last row; then the same changes read as raw pgoutput
 * from a slot created before the writes (the ceiling), after the pipeline is removed so the two do not share
 * the CPU.
 */
final class ThroughputRun {
    private static final Logger LOG = LoggerFactory.getLogger(ThroughputRun.class);

    record Cell(long changes, int partitions, int sinkTasks) {
        String label(int sequence) {
            return "tp" + sequence + "_" + shortCount(changes) + "_p" + partitions + "_t" + sinkTasks;
        }
    }

    private final RunningTopology lab;
    private final BenchSettings settings;
    private final ProcessCpu cpu;
    private final Path benchDir;

    ThroughputRun(RunningTopology lab, BenchSettings settings, ProcessCpu cpu, Path benchDir) {
        this.lab = lab;
        this.settings = settings;
        this.cpu = cpu;
        this.benchDir = benchDir;
    }

    Map<String, Object> measure(Cell cell, String label, boolean profile) {
        LOG.info("throughput {}: {} changes, {} partition(s), {} sink task(s)", label, cell.changes(), cell.partitions(), cell.sinkTasks());
        String table = "public." + label;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("label", label);
        figures.put("changes", cell.changes());
        figures.put("partitions", cell.partitions());
        figures.put("sink_tasks", cell.sinkTasks());
        figures.put("sink_commit_interval_ms", settings.commitInterval().toMillis());
        Duration timeout = Duration.ofSeconds(120 + cell.changes() / 1000);
        try (ChangeGenerator generator = ChangeGenerator.createTable(lab.source(), table)) {
            Pipeline pipeline = startPipeline(label, table, cell);
            boolean removed = false;
            try (PgOutputCeiling ceiling = PgOutputCeiling.create(lab.source(), "ceiling_" + label, table)) {
                IcebergTableWatch watch = IcebergTableWatch.of(lab, pipeline.prefix(), label);
                Map<Long, ProcessCpu.Sample> cpuBefore = cpu.sample();
                JfrProfiler profiler = profile ? JfrProfiler.start(settings, benchDir, "throughput-" + label) : null;
                long startMillis = System.currentTimeMillis();
                long startNanos = System.nanoTime();
                Duration generated = generator.insert(cell.changes(), settings.batchRows());
                figures.put("generate_ms", generated.toMillis());
                figures.put("generator_changes_per_s", perSecond(cell.changes(), generated.toMillis()));
                Snapshot last = awaitAllRows(watch, cell.changes(), timeout);
                long observedMs = (System.nanoTime() - startNanos) / 1_000_000;
                long chainMs = Math.max(1, last.timestampMillis() - startMillis);
                List<Path> recordings = profiler == null ? List.of() : profiler.stop();
                figures.put("cpu_seconds_during_chain", ProcessCpu.secondsBetween(cpuBefore, cpu.sample()));
                figures.put("iceberg_rows", watch.totalRecords());
                figures.put("iceberg_snapshots", watch.snapshotsAfter(null).size());
                figures.put("chain_ms", chainMs);
                figures.put("chain_observed_ms", observedMs);
                figures.put("drain_after_last_write_ms", chainMs - generated.toMillis());
                long chainRate = perSecond(cell.changes(), chainMs);
                figures.put("chain_changes_per_s", chainRate);
                removePipeline(pipeline);
                removed = true;
                Map<String, Object> ceilingFigures = ceiling.read(cell.changes(), timeout);
                figures.put("ceiling", ceilingFigures);
                long ceilingRate = ((Number) ceilingFigures.get("changes_per_s")).longValue();
                figures.put("ceiling_changes_per_s", ceilingRate);
                figures.put("ratio_to_ceiling", Math.round(1000.0 * chainRate / ceilingRate) / 1000.0);
                List<Map<String, Object>> profiles = new ArrayList<>();
                recordings.forEach(r -> profiles.add(JfrSummary.summarize(r, 15)));
                if (!profiles.isEmpty()) {
                    figures.put("jfr", profiles);
                }
            } finally {
                if (!removed) {
                    removePipeline(pipeline); // a failed run must not leave a connector streaming into the next one
                }
            }
        }
        LOG.info("throughput {}: {}", label, figures);
        return figures;
    }

    private Pipeline startPipeline(String label, String table, Cell cell) {
        Pipeline.Builder builder = lab.pipeline(label.replace('_', '-')).tables(table)
                .set("kafka.partitions", Integer.toString(cell.partitions()))
                .set("iceberg.commit.interval.ms", Long.toString(settings.commitInterval().toMillis()))
                .sinkConfig("tasks.max", Integer.toString(cell.sinkTasks()))
                .timeout(Duration.ofSeconds(120));
        settings.sourceConfig().forEach(builder::sourceConfig);
        settings.sinkConfig().forEach(builder::sinkConfig);
        return builder.start();
    }

    /** Removes both connectors and Debezium's slot, so the next run starts on a quiet machine. */
    private void removePipeline(Pipeline pipeline) {
        pipeline.delete();
        ReplicationSlots.dropWhenInactive(lab.source(), pipeline.prefix(), Duration.ofSeconds(60));
    }

    static Snapshot awaitAllRows(IcebergTableWatch watch, long rows, Duration timeout) {
        try {
            Awaitility.await("Iceberg table " + watch.name() + " to hold " + rows + " rows").atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> watch.refresh() && watch.totalRecords() >= rows);
        } catch (ConditionTimeoutException e) {
            throw new LabException("Iceberg table " + watch.name() + " held " + (watch.refresh() ? watch.totalRecords() : 0)
                    + " of " + rows + " rows after " + timeout.toSeconds() + " s. Check the connectors' status and the "
                    + "Connect log.", e);
        }
        // The first snapshot reaching the count: the current one may be a later, empty commit.
        Snapshot reached = null;
        for (Snapshot s : watch.snapshotsAfter(null)) {
            String total = s.summary().get("total-records");
            if (reached == null && total != null && Long.parseLong(total) >= rows) {
                reached = s;
            }
        }
        return reached == null ? watch.currentSnapshot() : reached;
    }

    static long perSecond(long count, long millis) {
        return Math.round(count / (Math.max(1, millis) / 1000.0));
    }

    static String shortCount(long n) {
        if (n % 1_000_000 == 0) {
            return n / 1_000_000 + "m";
        }
        return n % 1000 == 0 ? n / 1000 + "k" : Long.toString(n);
    }
}
