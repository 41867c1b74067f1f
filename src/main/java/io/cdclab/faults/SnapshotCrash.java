package io.cdclab.faults;

import io.cdclab.connect.ConnectorConfig;
import io.cdclab.errors.LabException;
import io.cdclab.lake.CurrentState;
import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.report.Timeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.LakeInvariants;
import io.cdclab.verify.RangeReconciler;
import io.cdclab.verify.Reconciliation;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Faults during an initial snapshot (F12): a {@link SnapshotTable} of many rows, a pipeline that snapshots it while
 * a {@link WriteLoad} changes it, and one or more faults, each injected once a further share of the rows is in
 * Kafka (and Debezium has not logged the snapshot's end). Between and after the faults whatever FAILED is
 * restarted; once every bulk row is in the lake it measures whether each fault made the snapshot start over
 * (Debezium's log), the duplicate snapshot reads left in the changelog, how long each fault set the snapshot back,
 * the materialised state against PostgreSQL row by row, and the lake invariants (F8). It measures; the caller
 * asserts.
 *
 * <p>Several faults hit one snapshot in turn rather than one snapshot each: a fault that restarts the snapshot
 * costs only the reads it threw away, so three faults on one 1M-row table move 1.3M rows instead of 3.3M.
 *
 * <pre>{@code
 * SnapshotCrash.Result r = SnapshotCrash.on(lab, "f12", "F12").rows(1_000_000).faultAt(0.1)
 *         .fault("F12 kill", "Connect worker kill -9", p -> { lab.service("connect").kill(); lab.service("connect").start(); })
 *         .fault("F12 postgres", "PostgreSQL restarted", p -> lab.service("postgres").restart())
 *         .run();
 * }</pre>
 */
public final class SnapshotCrash {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCrash.class);
    private static final Duration TICK = Duration.ofMillis(100);
    /** Ids per range when PostgreSQL and the lake are compared (two sides of 250k rows fit the test JVM's heap). */
    private static final long RECONCILE_RANGE = 250_000;

    private final RunningTopology lab;
    private final String pipelineId;
    private final String title;
    private final List<SnapshotFault> faults = new ArrayList<>();
    private long rows = 1_000_000;
    private double faultAt = 0.2;
    private Duration timeout = Duration.ofMinutes(10);
    private UnaryOperator<Pipeline.Builder> pipelineChange = UnaryOperator.identity();
    private Consumer<Pipeline> startSnapshot = p -> {
    };

    private SnapshotCrash(RunningTopology lab, String pipelineId, String title) {
        this.lab = lab;
        this.pipelineId = pipelineId;
        this.title = title;
    }

    /** Faults on a table and pipeline of their own, {@code pipelineId}; {@code title} (e.g. "F12") names the run. */
    public static SnapshotCrash on(RunningTopology lab, String pipelineId, String title) {
        return new SnapshotCrash(lab, pipelineId, title);
    }

    /** Bulk rows in the table (default 1,000,000). */
    public SnapshotCrash rows(long rows) {
        this.rows = rows;
        return this;
    }

    /**
     * The share of the bulk rows that must reach Kafka before each fault (default 0.2): the first fault comes once
     * that many records are in the topic, each later one once that many more have arrived since the fault before.
     */
    public SnapshotCrash faultAt(double share) {
        this.faultAt = share;
        return this;
    }

    /** Bounds each wait: the snapshot's progress to a fault, and its completion after the last. */
    public SnapshotCrash timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Connector settings, extra tables (e.g. a signal table). */
    public SnapshotCrash pipeline(UnaryOperator<Pipeline.Builder> change) {
        this.pipelineChange = change;
        return this;
    }

    /** Runs once the pipeline runs: for a snapshot that starts on a signal rather than with the connector. */
    public SnapshotCrash startSnapshot(Consumer<Pipeline> step) {
        this.startSnapshot = step;
        return this;
    }

    /** Adds a fault, {@code id} (e.g. "F12 kill"), injected after the faults added before it. */
    public SnapshotCrash fault(String id, String description, Consumer<Pipeline> inject) {
        faults.add(new SnapshotFault(id, description, inject));
        return this;
    }

    /**
     * What the snapshot did across its faults.
     *
     * @param faults             each fault's own figures, in order
     * @param exportsStarted     times Debezium began exporting the table (one more per fault that made it start over)
     * @param snapshotReads      bulk rows in the changelog (each is a snapshot read: nothing else touches them)
     * @param duplicateReads     snapshot reads beyond one per bulk row
     * @param insertsNeverSeen   the load's inserts absent from the changelog whose rows the load deleted again: a
     *                           snapshot that started over never saw them, and streaming resumed after it
     * @param lostInserts        the load's inserts absent from the changelog whose rows PostgreSQL still holds
     * @param lastFaultToComplete from the last fault until every bulk row was in the lake
     * @param total              from the pipeline's start until every bulk row was in the lake
     * @param snapshotLines      Debezium's snapshot lines of this table and connector, for the report
     */
    public record Figures(long rows, List<SnapshotFault.Figures> faults, long exportsStarted, long exportsFinished,
                          long snapshotReads, long duplicateReads, long insertsNeverSeen, List<Long> lostInserts,
                          Duration lastFaultToComplete, Duration total, int restarts, List<String> failures,
                          List<String> snapshotLines) {

        /** Reads thrown away by the faults that made the snapshot start over: what the duplicates should come to. */
        public long readsOfAbandonedAttempts() {
            return faults.stream().filter(SnapshotFault.Figures::startedOver).mapToLong(SnapshotFault.Figures::attemptReads)
                    .sum();
        }

        /** Snapshot reads landed in the lake per second, from the pipeline's start to the last bulk row. */
        public double lakeRowsPerSecond() {
            return snapshotReads / Math.max(0.001, total.toMillis() / 1000.0);
        }
    }

    public record Result(String title, List<FaultOutcome> outcomes, Figures figures, Reconciliation state,
                         ChangelogAudit audit, LakeInvariants.Result invariants, Timeline timeline) {
    }

    public Result run() {
        if (faults.isEmpty()) {
            throw new LabException(title + ": SnapshotCrash needs at least one fault(...) to inject");
        }
        String sourceTable = "public." + pipelineId + "_rows";
        SnapshotTable table = SnapshotTable.create(lab.source(), sourceTable, rows);
        Pipeline.Builder builder = pipelineChange.apply(lab.pipeline(pipelineId).tables(sourceTable));
        ConnectorConfig sourceConfig = builder.sourceConfig();
        SnapshotLog log = SnapshotLog.since(lab, sourceTable, sourceConfig.get("topic.prefix"));
        Timer sinceStart = Timer.start();
        Pipeline pipeline = builder.start();
        String lakeTable = pipeline.icebergTable(sourceTable);
        String topic = pipeline.topic(sourceTable);
        List<String> connectors = List.of(pipeline.source().name(), pipeline.sink().name());
        try (WriteLoad load = WriteLoad.start(lab.source(), sourceTable, TICK);
             FaultTimelineRecorder timeline = FaultTimelineRecorder.start(lab.connect(), connectors);
             TopicRecords records = TopicRecords.at(lab.kafkaBootstrapServers())) {
            startSnapshot.accept(pipeline);
            SnapshotFault.Run run = new SnapshotFault.Run(lab, pipeline, connectors, log, records, topic, timeline,
                    (long) (rows * faultAt), timeout, sinceStart);
            List<SnapshotFault.Injected> injected = new ArrayList<>();
            for (SnapshotFault fault : faults) {
                injected.add(fault.injectAfter(run, injected.isEmpty() ? null : injected.get(injected.size() - 1)));
            }
            SnapshotFault.Injected last = injected.get(injected.size() - 1);
            LOG.info("{}: last fault injected; waiting for all {} bulk rows in {}", title, rows, lakeTable);
            LakeProgress lake = new LakeProgress(lab.lake(), lakeTable, records, topic);
            FailedTaskRestarter.Outcome restarted = FailedTaskRestarter.awaitUntil(lab.connect(), connectors,
                    "all " + rows + " bulk rows of " + sourceTable + " in " + lakeTable,
                    () -> {
                        last.watchRecovery();
                        return lake.bulkRowsComplete(rows);
                    }, timeout);
            timeline.recovered("every bulk row is in Iceberg: the snapshot is complete in the lake");
            last.restartedDuring(restarted);
            Duration lastFaultToComplete = last.sinceFault();
            List<SnapshotFault.Figures> perFault = injected.stream().map(SnapshotFault.Injected::figures).toList();
            Duration total = sinceStart.elapsed();
            LOG.info("{}: snapshot complete in the lake {} after the last fault ({} after the start)", title,
                    FaultsReport.seconds(lastFaultToComplete), FaultsReport.seconds(total));

            // The load's changes after the faults are streamed, not snapshotted: the stream works again too.
            long after = load.awaitCommitted((int) load.committedTransactions() + 5, timeout);
            ChangelogAudit.awaitDelivered(lab.lake(), lakeTable, after, timeout);
            load.stop();
            // Every row PostgreSQL holds must have its insert (or a snapshot read) in the changelog. A row the load
            // inserted and deleted before a snapshot that started over may have neither: the new snapshot never saw
            // it, and streaming resumes after that snapshot's position. The state is right; the history is shorter.
            ChangelogAudit.awaitComplete(lab.lake(), lakeTable, List.copyOf(load.idsThatMustExist()), timeout);
            ChangelogAudit audit = ChangelogAudit.of(lab.lake(), lakeTable, load.insertedIds());
            Set<Long> mustExist = load.idsThatMustExist();
            List<Long> lostInserts = audit.missingInserts().stream().filter(mustExist::contains).toList();
            Row reads = lab.lake().rows("SELECT count(*), count(DISTINCT id) FROM " + lakeTable + " WHERE "
                    + SnapshotTable.bulkRows()).get(0);
            Timer comparing = Timer.start();
            Reconciliation state = RangeReconciler.compare(lab.source(), sourceTable, SnapshotTable.COLUMNS, lab.lake(),
                    CurrentState.sql(lab.lake(), lakeTable, List.of("id")), "id", RECONCILE_RANGE);
            // Compared on the event's key and Kafka offset: an orphan's rows are re-delivered from the same offsets.
            LakeInvariants.Result invariants = LakeInvariants.forPipeline(lab, pipeline, sourceTable)
                    .compareOrphanRowsOn(List.of("id", "_cdc.offset")).check();
            LOG.info("{}: state compared and invariants checked in {}", title, comparing.seconds());

            int restarts = perFault.stream().mapToInt(SnapshotFault.Figures::restarts).sum();
            List<String> failures = new ArrayList<>();
            perFault.forEach(f -> failures.addAll(f.failures()));
            Figures figures = new Figures(rows, perFault, log.exportsStarted(), log.exportsFinished(),
                    reads.getLong(0), reads.getLong(0) - reads.getLong(1),
                    audit.missingInserts().size() - lostInserts.size(), lostInserts, lastFaultToComplete, total,
                    restarts, List.copyOf(failures), log.snapshotLines());
            List<FaultOutcome> outcomes = perFault.stream().map(f -> new FaultOutcome(f.id(),
                    f.fault() + " (" + lab.settingsProfile().label() + " settings)", f.detected(), f.toCatchUp(),
                    Optional.empty(), f.firstSign(), f.restarts(), state.missing().size(), state.extra().size(),
                    state.valueChanges().size(), audit.events(), audit.duplicateEvents(), lostInserts.size(),
                    load.committedTransactions(), load.failedTransactions())).toList();
            Timeline drawn = timeline.finish(title + ": " + faults.size() + " fault(s) during the snapshot of " + rows
                    + " rows", load, lab.lake(), lakeTable);
            LOG.info("{}: {} rows, {} export(s), {} duplicate reads ({} thrown away by faults), {} inserts never seen, "
                    + "complete {} after the last fault ({} in all), {} restart(s)", title, rows,
                    figures.exportsStarted(), figures.duplicateReads(), figures.readsOfAbandonedAttempts(),
                    figures.insertsNeverSeen(), FaultsReport.seconds(lastFaultToComplete), FaultsReport.seconds(total),
                    restarts);
            return new Result(title, outcomes, figures, state, audit, invariants, drawn);
        } finally {
            pipeline.delete();
        }
    }

    /**
     * Whether every bulk row is in the changelog, asked cheaply: the lake is looked at every 3 s at most (Spark's
     * planning costs CPU the pipeline needs), first in the newest snapshot's row count (metadata), and scanned for
     * distinct ids only once that count could be complete, and then every 10 s at most. Not "every Kafka record
     * is in the lake": after a worker kill the lake held fewer rows than the topic (F12 at 1M rows), though every
     * bulk id arrived; the first attempt's reads are duplicates either way.
     */
    private static final class LakeProgress {
        private final Lake lake;
        private final String lakeTable;
        private final TopicRecords records;
        private final String topic;
        private long lastLookMillis;
        private long lastScanMillis;

        LakeProgress(Lake lake, String lakeTable, TopicRecords records, String topic) {
            this.lake = lake;
            this.lakeTable = lakeTable;
            this.records = records;
            this.topic = topic;
        }

        boolean bulkRowsComplete(long rows) {
            long now = System.currentTimeMillis();
            if (now - lastLookMillis < 3000) {
                return false;
            }
            lastLookMillis = now;
            if (records.of(topic) < rows || !lake.tableExists(lakeTable)) {
                return false;
            }
            List<Row> newest = lake.rows("SELECT summary['total-records'] FROM " + lakeTable
                    + ".snapshots ORDER BY committed_at DESC LIMIT 1");
            if (newest.isEmpty() || newest.get(0).isNullAt(0) || Long.parseLong(newest.get(0).getString(0)) < rows
                    || now - lastScanMillis < 10_000) {
                return false;
            }
            lastScanMillis = now;
            return lake.rows("SELECT count(DISTINCT id) FROM " + lakeTable + " WHERE " + SnapshotTable.bulkRows())
                    .get(0).getLong(0) >= rows;
        }
    }
}
