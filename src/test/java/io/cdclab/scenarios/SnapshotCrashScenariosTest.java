package io.cdclab.scenarios;

import io.cdclab.connect.Converter;
import io.cdclab.faults.SnapshotCrash;
import io.cdclab.faults.SnapshotCrashReport;
import io.cdclab.junit.CdcLab;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.pipeline.PipelineProfile;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.SettingsProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F12 of SCENARIOS.md: a crash while Debezium's initial snapshot of a large table (1,000,000 rows; fewer with
 * {@code -Dlab.f12.rows=N} while developing) is in progress: the Connect worker killed with kill -9, PostgreSQL
 * restarted, the broker restarted. Each fault gets a table and pipeline of its own on the class's one topology.
 * Then the same worker kill during an incremental snapshot (a signal, {@code snapshot.mode=no_data}), to show which
 * setting makes a snapshot resume rather than start over.
 */
@CdcLab(kafkaPartitions = 3, profile = SettingsProfile.RECOVERY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotCrashScenariosTest {
    private static final long ROWS = Long.getLong("lab.f12.rows", 1_000_000);
    /** The fault comes once a tenth of the rows is in Kafka: well inside the snapshot, and little work thrown away. */
    private static final double FAULT_AT = 0.1;
    /** What Debezium logs when a task starts with the offsets of an unfinished blocking snapshot. */
    private static final String STARTED_OVER = "Previous snapshot was cancelled before completion; a new snapshot will be taken.";
    /** What it logs when a task starts with the offsets of an unfinished incremental snapshot. */
    /** The incremental snapshot's chunk, and where its kill comes: 40 % of its table, well past three chunks. */
    private static final int CHUNK = 10_000;
    private static final double INCREMENTAL_FAULT_AT = 0.4;
    private static final String RESUMED = "Incremental snapshot in progress, need to read new chunk on start";

    @Test
    @Order(1)
    void f12_workerKilledMidSnapshot_nothingLost_stateEqualsPostgres(RunningTopology lab) {
        SnapshotCrash.Result r = blocking(lab, "f12kill", "F12 kill", "Connect worker kill -9, then started again",
                pipeline -> {
                    lab.service("connect").kill();
                    lab.service("connect").start();
                });
        assertRecovered(r);
        assertStartedOver(r);
        SnapshotCrashReport.record(r, "initial (blocking)", describe(r));
    }

    @Test
    @Order(2)
    void f12_postgresRestartedMidSnapshot_nothingLost_stateEqualsPostgres(RunningTopology lab) {
        SnapshotCrash.Result r = blocking(lab, "f12pg", "F12 postgres", "PostgreSQL restarted",
                pipeline -> lab.service("postgres").restart());
        assertRecovered(r);
        assertStartedOver(r);
        SnapshotCrashReport.record(r, "initial (blocking)", describe(r));
    }

    @Test
    @Order(3)
    void f12_brokerRestartedMidSnapshot_nothingLost_stateEqualsPostgres(RunningTopology lab) {
        SnapshotCrash.Result r = blocking(lab, "f12kafka", "F12 broker", "Kafka broker restarted",
                pipeline -> lab.service("kafka").restart());
        assertRecovered(r);
        // The broker holds the worker group's coordinator: its restart made Connect stop and start the tasks in
        // every run here, and a stopped task's snapshot starts over. Either way the duplicates must say which.
        SnapshotCrash.Figures f = r.figures();
        if (f.exportsStarted() >= 2) {
            assertStartedOver(r);
        } else {
            assertThat(f.duplicateReads()).as("one export, so no more than a replay's duplicates")
                    .isLessThan(f.inKafkaAtFault() / 2);
        }
        SnapshotCrashReport.record(r, "initial (blocking)", describe(r));
    }

    @Test
    @Order(4)
    void f12_incrementalSnapshot_workerKilled_resumesFromItsLastChunk(RunningTopology lab) {
        String signals = "public.f12inc_signal";
        lab.source().execute("CREATE TABLE " + signals
                + " (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))");
        SnapshotCrash.Result r = SnapshotCrash.on(lab, "f12inc", "F12 incremental",
                        "Connect worker kill -9 during an incremental snapshot, then started again")
                // Later than the blocking tests' kill: duplicates are bounded by chunks in flight and not yet in the
                // flushed offsets (about three), so the kill must come well past three chunks to tell a resume apart.
                .rows(Math.max(ROWS / 4, 20_000)).faultAt(INCREMENTAL_FAULT_AT)
                .pipeline(b -> fast(b).tables(signals)
                        .sourceConfig("snapshot.mode", "no_data")
                        .sourceConfig("signal.data.collection", signals)
                        .sourceConfig("signal.enabled.channels", "source")
                        .sourceConfig("incremental.snapshot.chunk.size", Integer.toString(CHUNK)))
                .startSnapshot(pipeline -> lab.source().execute("INSERT INTO " + signals + " VALUES ('f12-incremental', "
                        + "'execute-snapshot', '{\"data-collections\": [\"public.f12inc_rows\"], \"type\": \"incremental\"}')"))
                .inject(pipeline -> {
                    lab.service("connect").kill();
                    lab.service("connect").start();
                })
                .run();
        assertRecovered(r);
        SnapshotCrash.Figures f = r.figures();
        assertThat(f.exportsStarted()).as("no blocking snapshot ran").isZero();
        assertThat(f.snapshotLines()).as("Debezium resumed the incremental snapshot from its offsets")
                .anyMatch(line -> line.contains(RESUMED));
        // A resume re-reads what its last flushed offset had not yet recorded: the chunk being sent and at most a
        // chunk or two before it (1 s offset flushes). Starting over would re-read all the kill found in Kafka.
        assertThat(f.duplicateReads()).as("it resumed near its last chunk instead of starting over: at most three "
                + "chunks re-read, and fewer than half the %s records in Kafka at the kill", f.inKafkaAtFault())
                .isLessThanOrEqualTo(3L * CHUNK).isLessThan(f.inKafkaAtFault() / 2);
        SnapshotCrashReport.record(r, "incremental (signal)", describe(r));
    }

    /** The snapshot started over: a second export, and every row of the first left in the changelog twice. */
    private static void assertStartedOver(SnapshotCrash.Result r) {
        SnapshotCrash.Figures f = r.figures();
        assertThat(f.exportsStarted()).as("Debezium's exports of the table: the snapshot started over").isEqualTo(2);
        assertThat(f.snapshotLines()).anyMatch(line -> line.contains(STARTED_OVER));
        assertThat(f.duplicateReads()).as("the first attempt's reads (%s records in Kafka at the fault) stay in the "
                + "changelog beside the second's", f.inKafkaAtFault()).isGreaterThanOrEqualTo(f.inKafkaAtFault() * 9 / 10);
    }

    private static SnapshotCrash.Result blocking(RunningTopology lab, String pipelineId, String id, String fault,
                                                 java.util.function.Consumer<Pipeline> inject) {
        return SnapshotCrash.on(lab, pipelineId, id, fault).rows(ROWS).faultAt(FAULT_AT)
                .pipeline(SnapshotCrashScenariosTest::fast)
                .inject(inject).run();
    }

    /**
     * Settings that let a snapshot move more rows per CPU second: schemaless JSON (an event without its schema is a
     * tenth of the bytes to write, send and parse; the table's types all survive it), larger JDBC fetches and
     * Debezium batches, and producer batching (the levers benchmark's).
     */
    private static Pipeline.Builder fast(Pipeline.Builder builder) {
        builder.converter(Converter.JSON_SCHEMALESS);
        Map<String, String> source = new java.util.LinkedHashMap<>();
        source.putAll(PipelineProfile.FastSettings.DEBEZIUM_BATCH);
        source.putAll(PipelineProfile.FastSettings.PRODUCER_BATCHING);
        source.put("snapshot.fetch.size", "20000");
        source.forEach(builder::sourceConfig);
        return builder;
    }

    private static void assertRecovered(SnapshotCrash.Result r) {
        SnapshotCrash.Figures f = r.figures();
        assertThat(f.completedAtFault()).as("the snapshot was still running at the fault (Debezium had not logged "
                + "'Snapshot completed')").isZero();
        assertThat(f.inKafkaAtFault()).as("records in Kafka at the fault: part of the snapshot, not all of it")
                .isPositive().isLessThan(f.rows());
        assertThat(f.lostInserts()).as("the load's committed inserts of rows PostgreSQL holds, missing from the "
                + "changelog").isEmpty();
        assertThat(r.state().matches()).as(r.state().summary()).isTrue();
        assertThat(r.state().sourceRows()).isGreaterThanOrEqualTo((int) f.rows());
        r.invariants().assertHolds();
    }

    /** One sentence for the report: what the snapshot did after the fault, and what it cost. */
    private static String describe(SnapshotCrash.Result r) {
        SnapshotCrash.Figures f = r.figures();
        boolean resumed = f.snapshotLines().stream().anyMatch(l -> l.contains(RESUMED));
        String what = resumed ? "the incremental snapshot resumed from its offsets (\"" + RESUMED + "\")"
                : f.exportsStarted() >= 2 ? "the snapshot started over (\"" + STARTED_OVER + "\")"
                : "the snapshot went on (one export)";
        return String.format(java.util.Locale.ROOT, "%s, %s; %,d records in Kafka at the fault, %,d duplicate "
                        + "snapshot reads left in the changelog; snapshot complete in the lake %.1f s after the fault "
                        + "(%.1f s in all), %d restart(s) of FAILED tasks%s; %,d rows reconciled, nothing lost.",
                r.outcome().fault(), what, f.inKafkaAtFault(), f.duplicateReads(), f.faultToComplete().toMillis() / 1000.0,
                f.total().toMillis() / 1000.0, f.restarts(), f.failures().isEmpty() ? "" : " (" + f.failures() + ")",
                r.state().sourceRows());
    }
}
