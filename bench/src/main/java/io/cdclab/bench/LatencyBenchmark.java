package io.cdclab.bench;

import io.cdclab.errors.LabException;
import io.cdclab.faults.WriteLoad;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * End-to-end latency: PostgreSQL commit to the row being visible in a new Iceberg snapshot, over {@code probes}
 * probe rows written at a steady rate while a background load writes another table of the same pipeline. For
 * each probe: visible = first poll (every 50 ms) that finds it, and the snapshot's own commit time, so the sink's
 * latency and the poll delay are reported apart.
 */
final class LatencyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyBenchmark.class);
    static final long GOAL_P50_MS = 1500;
    static final long GOAL_P99_MS = 3000;
    private static final long POLL_MS = 50;

    private LatencyBenchmark() {
    }

    static Map<String, Object> run(RunningTopology lab, BenchSettings settings) {
        ProbeWriter.createTable(lab.source(), "public.lat_probe");
        WriteLoad.createTable(lab.source(), "public.lat_load");
        Pipeline.Builder builder = lab.pipeline("lat").tables("public.lat_probe", "public.lat_load")
                .set("kafka.partitions", Integer.toString(settings.partitions()))
                .set("iceberg.commit.interval.ms", Long.toString(settings.commitInterval().toMillis()))
                .sinkConfig("tasks.max", Integer.toString(settings.sinkTasks()));
        settings.sourceConfig().forEach(builder::sourceConfig);
        settings.sinkConfig().forEach(builder::sinkConfig);
        Pipeline pipeline = builder.start();
        Map<String, Object> figures = new LinkedHashMap<>();
        IcebergTableWatch watch = IcebergTableWatch.of(lab, pipeline.prefix(), "lat_probe");
        try (WriteLoad load = WriteLoad.start(lab.source(), "public.lat_load", settings.loadInterval());
             ProbeVisibility visibility = new ProbeVisibility(watch, POLL_MS);
             ProbeWriter writer = ProbeWriter.open(lab.source(), "public.lat_probe", settings.probes())) {
            // Probe 0 creates the Iceberg table and warms up every stage; it is not measured.
            writer.writeNow(0);
            awaitVisible(visibility, 1, Duration.ofSeconds(120), "the warm-up probe");
            writer.start(settings.probeRatePerSecond());
            Duration expected = Duration.ofMillis(1000L * settings.probes() / settings.probeRatePerSecond());
            awaitVisible(visibility, settings.probes() + 1, expected.plusSeconds(120), settings.probes() + " probes");
            load.stop();
            figures.put("probes", settings.probes());
            figures.put("probe_rate_per_s", settings.probeRatePerSecond());
            figures.put("sink_commit_interval_ms", settings.commitInterval().toMillis());
            figures.put("partitions", settings.partitions());
            figures.put("sink_tasks", settings.sinkTasks());
            figures.put("poll_interval_ms", POLL_MS);
            figures.put("background_load_transactions", load.committedTransactions());
            figures.put("background_load_transactions_per_s", Math.round(1000.0 / settings.loadInterval().toMillis()));
            figures.putAll(latencies(writer.committedAt(), visibility, settings.probes()));
            figures.put("poller_polls", visibility.polls());
        } finally {
            pipeline.delete();
            ReplicationSlots.dropWhenInactive(lab.source(), pipeline.prefix(), Duration.ofSeconds(60));
        }
        LOG.info("latency: {}", figures);
        return figures;
    }

    private static Map<String, Object> latencies(Map<Long, Long> committedAt, ProbeVisibility visibility, int probes) {
        List<Long> visible = new ArrayList<>();
        List<Long> sink = new ArrayList<>();
        List<Long> pollDelay = new ArrayList<>();
        Set<Long> snapshots = new HashSet<>();
        for (long id = 1; id <= probes; id++) {
            ProbeVisibility.Seen seen = visibility.seen(id);
            long committed = committedAt.get(id);
            visible.add(seen.observedEpochMillis() - committed);
            sink.add(seen.snapshotEpochMillis() - committed);
            pollDelay.add(seen.observedEpochMillis() - seen.snapshotEpochMillis());
            snapshots.add(seen.snapshotId());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Long> visibleSummary = Percentiles.summary(visible);
        m.put("commit_to_visible", visibleSummary);
        // every probe, for the report's distribution chart (a few kB for a thousand probes)
        m.put("commit_to_visible_samples_ms", visible);
        m.put("commit_to_snapshot_commit", Percentiles.summary(sink));
        m.put("snapshot_commit_to_visible", Percentiles.summary(pollDelay));
        m.put("snapshots_holding_probes", snapshots.size());
        m.put("goal_p50_ms", GOAL_P50_MS);
        m.put("goal_p99_ms", GOAL_P99_MS);
        m.put("goal_met", visibleSummary.get("p50_ms") <= GOAL_P50_MS && visibleSummary.get("p99_ms") <= GOAL_P99_MS);
        return m;
    }

    private static void awaitVisible(ProbeVisibility visibility, int count, Duration timeout, String what) {
        try {
            Awaitility.await(what + " to be visible in Iceberg").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> visibility.visibleCount() >= count);
        } catch (ConditionTimeoutException e) {
            RuntimeException poll = visibility.lastFailure();
            throw new LabException(visibility.visibleCount() + " of " + count + " probes visible in Iceberg after "
                    + timeout.toSeconds() + " s (" + what + ")" + (poll == null ? "" : "; last poll error: " + poll), e);
        }
    }
}
