package io.cdclab.scenarios;

import io.cdclab.connect.Converter;
import io.cdclab.faults.SnapshotCrash;
import io.cdclab.faults.SnapshotCrashReport;
import io.cdclab.faults.SnapshotFault;
import io.cdclab.junit.CdcLab;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.profiles.PipelineProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.RunningTopology;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F12 of SCENARIOS.md: crashes while Debezium's initial snapshot of a large table (1,000,000 rows; fewer with
 * {@code -Dlab.f12.rows=N} while developing) is in progress. The three blocking-snapshot faults hit one snapshot in
 * turn, each once another tenth of the rows is in Kafka: the Connect worker killed with kill -9, PostgreSQL
 * restarted, the broker restarted. Then the same worker kill during an incremental snapshot (a signal,
 * {@code snapshot.mode=no_data}), on a table of its own, to show which setting makes a snapshot resume rather than
 * start over.
 */
@CdcLab(kafkaPartitions = 3, profile = SettingsProfile.RECOVERY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotCrashScenariosTest {
    static final ScenarioFinding F12 = ScenarioFinding.of("F12", "crashes during the initial snapshot", """
            A worker kill, a PostgreSQL restart or a broker restart during the initial snapshot loses nothing, but the
            snapshot starts over each time; an incremental snapshot resumes from its last chunk.""");
    private static final long ROWS = LabSettings.fromSystemProperties().number("lab.f12.rows", 1_000_000);
    /** Each fault comes once another tenth of the rows is in Kafka: inside the snapshot, and little work thrown away. */
    private static final double FAULT_AT = 0.1;
    /** What Debezium logs when a task starts with the offsets of an unfinished blocking snapshot. */
    private static final String STARTED_OVER = "Previous snapshot was cancelled before completion; a new snapshot will be taken.";
    /** The incremental snapshot's chunk, and where its kill comes: 40 % of its table, well past three chunks. */
    private static final int CHUNK = 10_000;
    private static final double INCREMENTAL_FAULT_AT = 0.4;
    /** What it logs when a task starts with the offsets of an unfinished incremental snapshot. */
    private static final String RESUMED = "Incremental snapshot in progress, need to read new chunk on start";

    @Test
    @Order(1)
    void f12_workerKill_postgresRestart_brokerRestart_midSnapshot_nothingLost_stateEqualsPostgres(RunningTopology lab) {
        SnapshotCrash.Result r = SnapshotCrash.on(lab, "f12", "F12").rows(ROWS).faultAt(FAULT_AT)
                .pipeline(SnapshotCrashScenariosTest::fast)
                .fault("F12 kill", "Connect worker kill -9, then started again", pipeline -> {
                    lab.service("connect").kill();
                    lab.service("connect").start();
                })
                .fault("F12 postgres", "PostgreSQL restarted", pipeline -> lab.service("postgres").restart())
                .fault("F12 broker", "Kafka broker restarted", pipeline -> lab.service("kafka").restart())
                .run();
        assertRecovered(r);
        SnapshotCrash.Figures f = r.figures();
        SnapshotFault.Figures kill = f.faults().get(0);
        SnapshotFault.Figures postgres = f.faults().get(1);
        SnapshotFault.Figures broker = f.faults().get(2);
        assertThat(kill.startedOver()).as("after the worker kill Debezium exported the table again").isTrue();
        assertThat(postgres.startedOver()).as("after PostgreSQL's restart Debezium exported the table again").isTrue();
        // The broker holds the worker group's coordinator: its restart made Connect stop and start the tasks in
        // every run here, and a stopped task's snapshot starts over. Either way the duplicates must say which.
        long startedOver = f.faults().stream().filter(SnapshotFault.Figures::startedOver).count();
        assertThat(f.exportsStarted()).as("Debezium's exports of the table: one, and at least one more per fault "
                + "that made it start over").isGreaterThanOrEqualTo(1 + startedOver);
        assertThat(f.snapshotLines().stream().filter(line -> line.contains(STARTED_OVER)))
                .as("Debezium says why it exports again, each time").hasSize((int) f.exportsStarted() - 1);
        assertThat(f.duplicateReads()).as("the reads of every attempt a fault threw away (%s records) stay in the "
                + "changelog beside the last attempt's", f.readsOfAbandonedAttempts())
                .isGreaterThanOrEqualTo(f.readsOfAbandonedAttempts() * 9 / 10);
        if (!broker.startedOver()) {
            assertThat(f.duplicateReads()).as("the broker's restart did not restart the export, so it adds no more "
                    + "than a replay's duplicates").isLessThan(f.readsOfAbandonedAttempts() + broker.attemptReads() / 2);
        }
        SnapshotCrashReport.record(r, "initial (blocking)", describe(r));
    }

    @Test
    @Order(2)
    void f12_incrementalSnapshot_workerKilled_resumesFromItsLastChunk(RunningTopology lab) {
        String signals = "public.f12inc_signal";
        lab.source().execute("CREATE TABLE " + signals
                + " (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))");
        SnapshotCrash.Result r = SnapshotCrash.on(lab, "f12inc", "F12 incremental")
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
                .fault("F12 incremental", "Connect worker kill -9 during an incremental snapshot, then started again",
                        pipeline -> {
                            lab.service("connect").kill();
                            lab.service("connect").start();
                        })
                .run();
        assertRecovered(r);
        SnapshotCrash.Figures f = r.figures();
        SnapshotFault.Figures kill = f.faults().get(0);
        assertThat(f.exportsStarted()).as("no blocking snapshot ran").isZero();
        assertThat(f.snapshotLines()).as("Debezium resumed the incremental snapshot from its offsets")
                .anyMatch(line -> line.contains(RESUMED));
        // A resume re-reads what its last flushed offset had not yet recorded: the chunk being sent and at most a
        // chunk or two before it (1 s offset flushes). Starting over would re-read all the kill found in Kafka.
        assertThat(f.duplicateReads()).as("it resumed near its last chunk instead of starting over: at most three "
                + "chunks re-read, and fewer than half the %s records in Kafka at the kill", kill.inKafkaAtFault())
                .isLessThanOrEqualTo(3L * CHUNK).isLessThan(kill.inKafkaAtFault() / 2);
        SnapshotCrashReport.record(r, "incremental (signal)", describe(r));
    }

    /**
     * Settings that let a snapshot move more rows per CPU second: schemaless JSON (an event without its schema is a
     * tenth of the bytes to write, send and parse; the table's types all survive it), larger JDBC fetches and
     * Debezium batches, and producer batching (the levers benchmark's).
     */
    private static Pipeline.Builder fast(Pipeline.Builder builder) {
        builder.converter(Converter.JSON_SCHEMALESS);
        Map<String, String> source = new LinkedHashMap<>();
        source.putAll(PipelineProfile.FastSettings.DEBEZIUM_BATCH);
        source.putAll(PipelineProfile.FastSettings.PRODUCER_BATCHING);
        source.put("snapshot.fetch.size", "20000");
        source.forEach(builder::sourceConfig);
        return builder;
    }

    private static void assertRecovered(SnapshotCrash.Result r) {
        SnapshotCrash.Figures f = r.figures();
        for (SnapshotFault.Figures fault : f.faults()) {
            assertThat(fault.completedAtFault()).as("%s: the snapshot was still running at the fault (Debezium had "
                    + "not logged 'Snapshot completed')", fault.id()).isZero();
            assertThat(fault.attemptReads()).as("%s: the attempt's records in Kafka at the fault: part of the "
                    + "snapshot, not all of it", fault.id()).isPositive().isLessThan(f.rows());
        }
        assertThat(f.lostInserts()).as("the load's committed inserts of rows PostgreSQL holds, missing from the "
                + "changelog").isEmpty();
        assertThat(r.state().matches()).as(r.state().summary()).isTrue();
        assertThat(r.state().sourceRows()).isGreaterThanOrEqualTo((int) f.rows());
        r.invariants().assertHolds();
    }

    /** One sentence per fault for the report: what the snapshot did after it, then what the whole run cost. */
    private static String describe(SnapshotCrash.Result r) {
        SnapshotCrash.Figures f = r.figures();
        StringBuilder text = new StringBuilder();
        for (SnapshotFault.Figures fault : f.faults()) {
            String what = f.snapshotLines().stream().anyMatch(l -> l.contains(RESUMED))
                    ? "the incremental snapshot resumed from its offsets (\"" + RESUMED + "\")"
                    : fault.startedOver() ? "the snapshot started over (\"" + STARTED_OVER + "\")"
                    : "the snapshot went on (no new export)";
            text.append(String.format(Locale.ROOT, "%s (%s): %s, throwing away %,d reads; back where it "
                            + "was %.1f s after the fault. ", fault.id(), fault.fault(), what,
                    fault.startedOver() ? fault.attemptReads() : 0, fault.toCatchUp().toMillis() / 1000.0));
        }
        text.append(String.format(Locale.ROOT, "In all: %,d duplicate snapshot reads left in the changelog; "
                        + "snapshot complete in the lake %.1f s after the last fault (%.1f s in all), %d restart(s) "
                        + "of FAILED tasks%s; %,d rows reconciled, nothing lost.", f.duplicateReads(),
                f.lastFaultToComplete().toMillis() / 1000.0, f.total().toMillis() / 1000.0, f.restarts(),
                f.failures().isEmpty() ? "" : " (" + f.failures() + ")", r.state().sourceRows()));
        return text.toString();
    }
}
