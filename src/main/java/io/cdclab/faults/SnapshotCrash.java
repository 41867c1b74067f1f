package io.cdclab.faults;

import io.cdclab.connect.ConnectorConfig;
import io.cdclab.lake.CurrentState;
import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.report.Timeline;
import io.cdclab.topology.LabException;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.LakeInvariants;
import io.cdclab.verify.RangeReconciler;
import io.cdclab.verify.Reconciliation;
import org.apache.spark.sql.Row;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One fault during an initial snapshot (F12): a {@link SnapshotTable} of many rows, a pipeline that snapshots it
 * while a {@link WriteLoad} changes it, the fault injected once part of the snapshot is in Kafka (and Debezium has
 * not logged its end), whatever FAILED restarted until every bulk row is in the lake, then measured: whether the
 * snapshot started over (Debezium's log), the duplicate snapshot reads it left in the changelog, the time from the
 * fault until the snapshot was complete in the lake, the materialised state against PostgreSQL row by row, and
 * the lake invariants (F8). It measures; the caller asserts.
 *
 * <pre>{@code
 * SnapshotCrash.Result r = SnapshotCrash.on(lab, "f12kill", "F12 kill", "Connect worker kill -9").rows(1_000_000)
 *         .inject(p -> { lab.service("connect").kill(); lab.service("connect").start(); }).run();
 * }</pre>
 */
public final class SnapshotCrash {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCrash.class);
    private static final Duration TICK = Duration.ofMillis(100);
    /** Ids per range when PostgreSQL and the lake are compared (two sides of 250k rows fit the test JVM's heap). */
    private static final long RECONCILE_RANGE = 250_000;

    private final RunningTopology lab;
    private final String pipelineId;
    private final String id;
    private final String fault;
    private long rows = 1_000_000;
    private double faultAt = 0.2;
    private Duration timeout = Duration.ofMinutes(10);
    private UnaryOperator<Pipeline.Builder> pipelineChange = UnaryOperator.identity();
    private Consumer<Pipeline> startSnapshot = p -> {
    };
    private Consumer<Pipeline> inject = p -> {
        throw new LabException("SnapshotCrash needs inject(...): the fault to inject");
    };

    private SnapshotCrash(RunningTopology lab, String pipelineId, String id, String fault) {
        this.lab = lab;
        this.pipelineId = pipelineId;
        this.id = id;
        this.fault = fault;
    }

    /** Fault {@code id} (e.g. "F12 kill") on a table and pipeline of its own, {@code pipelineId}. */
    public static SnapshotCrash on(RunningTopology lab, String pipelineId, String id, String fault) {
        return new SnapshotCrash(lab, pipelineId, id, fault);
    }

    /** Bulk rows in the table (default 1,000,000). */
    public SnapshotCrash rows(long rows) {
        this.rows = rows;
        return this;
    }

    /** The share of the bulk rows that must be in Kafka when the fault is injected (default 0.2). */
    public SnapshotCrash faultAt(double share) {
        this.faultAt = share;
        return this;
    }

    /** Bounds the snapshot's progress to the fault and its completion after it. */
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

    public SnapshotCrash inject(Consumer<Pipeline> fault) {
        this.inject = fault;
        return this;
    }

    /**
     * What the snapshot looked like when the fault came and afterwards.
     *
     * @param inKafkaAtFault     records in the table's topic at the fault (snapshot reads, and the load's few events)
     * @param debeziumExported   Debezium's newest "Exported N records" count before the fault, -1 if none was logged
     * @param completedAtFault   "Snapshot completed" lines of the connector before the fault (0: in progress)
     * @param exportsStarted     times Debezium began exporting the table (2: the snapshot started over)
     * @param snapshotReads      bulk rows in the changelog (each is a snapshot read: nothing else touches them)
     * @param duplicateReads     snapshot reads beyond one per bulk row
     * @param insertsNeverSeen   the load's inserts absent from the changelog whose rows the load deleted again: a
     *                           snapshot that started over never saw them, and streaming resumed after it
     * @param lostInserts        the load's inserts absent from the changelog whose rows PostgreSQL still holds
     * @param beforeFault        from the pipeline's start to the fault
     * @param faultToComplete    from the fault until every bulk row was in the lake
     * @param total              from the pipeline's start until every bulk row was in the lake
     * @param snapshotLines      Debezium's snapshot lines of this table and connector, for the report
     */
    public record Figures(long rows, long inKafkaAtFault, long debeziumExported, long completedAtFault,
                          long exportsStarted, long exportsFinished, long snapshotReads, long duplicateReads,
                          long insertsNeverSeen, List<Long> lostInserts, Duration beforeFault,
                          Duration faultToComplete, Duration total, int restarts, List<String> failures,
                          List<String> snapshotLines) {

        /** Rows per second into Kafka before the fault: the snapshot's own pace on this machine. */
        public double kafkaRowsPerSecond() {
            return inKafkaAtFault / Math.max(0.001, beforeFault.toMillis() / 1000.0);
        }

        /** Snapshot reads landed in the lake per second, from the pipeline's start to the last bulk row. */
        public double lakeRowsPerSecond() {
            return snapshotReads / Math.max(0.001, total.toMillis() / 1000.0);
        }
    }

    public record Result(FaultOutcome outcome, Figures figures, Reconciliation state, ChangelogAudit audit,
                         LakeInvariants.Result invariants, Timeline timeline) {
    }

    public Result run() {
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
            long due = (long) (rows * faultAt);
            Timer progress = Timer.start();
            LOG.info("{}: waiting for {} of {} snapshot rows in {}", id, due, rows, topic);
            awaitRecords(records, topic, due);
            LOG.info("{}: {} rows in Kafka after {}; injecting: {}", id, due, progress.seconds(), fault);
            long inKafka = records.of(topic);
            long exported = log.lastExportedCount();
            long completedAtFault = log.snapshotsCompleted();
            Duration beforeFault = sinceStart.elapsed();
            Timer sinceFault = Timer.start();
            FailedTaskRestarter.Outcome restarted;
            Optional<Duration> detected;
            String firstSign;
            try (HealthWatcher watcher = HealthWatcher.start(lab.connect(), connectors)) {
                timeline.fault(fault);
                inject.accept(pipeline);
                timeline.action(fault + ": done");
                LOG.info("{}: fault injected in {}; waiting for all {} bulk rows in {}", id, sinceFault.seconds(), rows,
                        lakeTable);
                LakeProgress lake = new LakeProgress(lab.lake(), lakeTable, records, topic);
                restarted = FailedTaskRestarter.awaitUntil(lab.connect(), connectors,
                        "all " + rows + " bulk rows of " + sourceTable + " in " + lakeTable,
                        () -> lake.bulkRowsComplete(rows), timeout);
                timeline.recovered("every bulk row is in Iceberg: the snapshot is complete in the lake");
                for (int i = 0; i < restarted.restarts(); i++) {
                    timeline.actionAt(restarted.restartedAtMillis().get(i), "restart of the FAILED "
                            + restarted.failures().get(i));
                }
                detected = watcher.timeToDetect();
                firstSign = watcher.whatWasSeen().orElse("no status ever left RUNNING");
            }
            Duration faultToComplete = sinceFault.elapsed();
            Duration total = sinceStart.elapsed();
            LOG.info("{}: snapshot complete in the lake {} after the fault ({} after the start)", id,
                    FaultsReport.seconds(faultToComplete), FaultsReport.seconds(total));

            // The load's changes after the fault are streamed, not snapshotted: the stream works again too.
            long after = load.awaitCommitted((int) load.committedTransactions() + 5, timeout);
            ChangelogAudit.awaitDelivered(lab.lake(), lakeTable, after, timeout);
            load.stop();
            // Every row PostgreSQL holds must have its insert (or a snapshot read) in the changelog. A row the load
            // inserted and deleted before a snapshot that started over may have neither: the new snapshot never saw
            // it, and streaming resumes after that snapshot's position. The state is right; the history is shorter.
            ChangelogAudit.awaitComplete(lab.lake(), lakeTable, List.copyOf(load.idsThatMustExist()), timeout);
            ChangelogAudit audit = ChangelogAudit.of(lab.lake(), lakeTable, load.insertedIds());
            java.util.Set<Long> mustExist = load.idsThatMustExist();
            List<Long> lostInserts = audit.missingInserts().stream().filter(mustExist::contains).toList();
            Row reads = lab.lake().rows("SELECT count(*), count(DISTINCT id) FROM " + lakeTable + " WHERE "
                    + SnapshotTable.bulkRows()).get(0);
            Timer comparing = Timer.start();
            Reconciliation state = RangeReconciler.compare(lab.source(), sourceTable, SnapshotTable.COLUMNS, lab.lake(),
                    CurrentState.sql(lab.lake(), lakeTable, List.of("id")), "id", RECONCILE_RANGE);
            // Compared on the event's key and Kafka offset: an orphan's rows are re-delivered from the same offsets.
            LakeInvariants.Result invariants = LakeInvariants.forPipeline(lab, pipeline, sourceTable)
                    .compareOrphanRowsOn(List.of("id", "_cdc.offset")).check();
            LOG.info("{}: state compared and invariants checked in {}", id, comparing.seconds());

            Figures figures = new Figures(rows, inKafka, exported, completedAtFault, log.exportsStarted(),
                    log.exportsFinished(), reads.getLong(0), reads.getLong(0) - reads.getLong(1),
                    audit.missingInserts().size() - lostInserts.size(), lostInserts, beforeFault,
                    faultToComplete, total, restarted.restarts(), restarted.failures(), log.snapshotLines());
            FaultOutcome outcome = new FaultOutcome(id, fault + " (" + lab.settingsProfile().label() + " settings)",
                    detected, faultToComplete, Optional.empty(), firstSign, restarted.restarts(),
                    state.missing().size(), state.extra().size(), state.valueChanges().size(), audit.events(),
                    audit.duplicateEvents(), lostInserts.size(), load.committedTransactions(),
                    load.failedTransactions());
            Timeline drawn = timeline.finish(id + ": " + fault + " during the initial snapshot of " + rows + " rows",
                    load, lab.lake(), lakeTable);
            LOG.info("{}: {} rows, {} in Kafka at the fault, {} export(s), {} duplicate reads, {} inserts never seen, "
                    + "complete {} after the fault ({} in all), {} restart(s)", id, rows, inKafka,
                    figures.exportsStarted(), figures.duplicateReads(), figures.insertsNeverSeen(),
                    FaultsReport.seconds(faultToComplete), FaultsReport.seconds(total), restarted.restarts());
            return new Result(outcome, figures, state, audit, invariants, drawn);
        } finally {
            pipeline.delete();
        }
    }

    private void awaitRecords(TopicRecords records, String topic, long due) {
        AtomicLong seen = new AtomicLong();
        try {
            Awaitility.await(due + " records in " + topic).atMost(timeout).pollInterval(TICK).ignoreExceptions()
                    .until(() -> {
                        seen.set(records.of(topic));
                        return seen.get() >= due;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException(id + ": the snapshot put only " + seen.get() + " of " + due + " records into "
                    + topic + " within " + timeout.toSeconds() + " s. Check the source connector's status and the "
                    + "Connect log.", e);
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
