package io.cdclab.faults;

import io.cdclab.connect.ConnectorState;
import io.cdclab.errors.LabException;
import io.cdclab.lake.CurrentState;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.report.Timeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.LakeInvariants;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One fault under a continuous write load (F3, F4, F5, F9), the same way for the test suite and the recovery
 * benchmark: a pipeline for a fresh {@link WriteLoad} table, the fault injected once rows flow, whatever FAILED
 * restarted until rows written after the fault are in the lake, then the load stopped and what the lake holds
 * measured: the materialised state against PostgreSQL row by row, the raw changelog, and the lake invariants (F8).
 * It measures and reports; the caller asserts.
 *
 * <pre>{@code
 * CrashUnderLoad.Result f4 = CrashUnderLoad.on(lab, "f4", "F4", "Kafka broker restarted")
 *         .inject(pipeline -> lab.service("kafka").restart()).run();
 * assertThat(f4.state().matches()).as(f4.state().summary()).isTrue();
 * }</pre>
 */
public final class CrashUnderLoad {
    private static final Logger LOG = LoggerFactory.getLogger(CrashUnderLoad.class);
    private static final Duration TICK = Duration.ofMillis(100);

    private final RunningTopology lab;
    private final String pipelineId;
    private final String id;
    private final String fault;
    private int sinkTasks = 1;
    private Duration timeout = Duration.ofSeconds(120);
    private Duration drainTimeout = timeout;
    private Consumer<Pipeline> inject = p -> {
        throw new LabException("CrashUnderLoad needs inject(...): the fault to inject");
    };
    private Consumer<Pipeline> afterRecovery = p -> {
    };
    private Consumer<Pipeline> beforeFault = p -> {
    };
    private UnaryOperator<Pipeline.Builder> pipelineChange = UnaryOperator.identity();
    private String caption;

    private CrashUnderLoad(RunningTopology lab, String pipelineId, String id, String fault) {
        this.lab = lab;
        this.pipelineId = pipelineId;
        this.id = id;
        this.fault = fault;
    }

    /** A fault {@code id} (e.g. "F3") on pipeline {@code pipelineId}, described as the faults page shows it. */
    public static CrashUnderLoad on(RunningTopology lab, String pipelineId, String id, String fault) {
        return new CrashUnderLoad(lab, pipelineId, id, fault);
    }

    public CrashUnderLoad sinkTasks(int tasks) {
        this.sinkTasks = tasks;
        return this;
    }

    /** Bounds every wait (rows before the fault, recovery, the complete changelog). */
    public CrashUnderLoad timeout(Duration timeout) {
        this.timeout = timeout;
        this.drainTimeout = timeout;
        return this;
    }

    /** How long to wait for every committed insert in the changelog before auditing what is there. */
    public CrashUnderLoad drainTimeout(Duration timeout) {
        this.drainTimeout = timeout;
        return this;
    }

    /** Anything else the pipeline needs (e.g. its coordinator offsets left unseeded). */
    public CrashUnderLoad pipeline(UnaryOperator<Pipeline.Builder> change) {
        this.pipelineChange = change;
        return this;
    }

    /** Runs with rows flowing, before the clock starts (e.g. F9 finds the coordinator's worker). */
    public CrashUnderLoad beforeFault(Consumer<Pipeline> step) {
        this.beforeFault = step;
        return this;
    }

    /** The fault; the time to recover starts just before it. */
    public CrashUnderLoad inject(Consumer<Pipeline> fault) {
        this.inject = fault;
        return this;
    }

    /** Runs once rows flow again, with the load still writing (e.g. F9's killed worker started again). */
    public CrashUnderLoad afterRecovery(Consumer<Pipeline> step) {
        this.afterRecovery = step;
        return this;
    }

    /** The timeline's title on the faults page (default: the id and the fault). */
    public CrashUnderLoad timelineCaption(String caption) {
        this.caption = caption;
        return this;
    }

    /** What one fault did, measured, and its timeline for the faults page. */
    /** {@code lossEvidence} is empty unless committed inserts are missing: then {@link LossForensics}' account. */
    public record Result(FaultOutcome outcome, Reconciliation state, ChangelogAudit audit,
                         LakeInvariants.Result invariants, String profile, Timeline timeline, String lossEvidence) {
    }

    public Result run() {
        String sourceTable = "public." + pipelineId + "_events";
        WriteLoad.createTable(lab.source(), sourceTable);
        LogTail connectLog = LogTail.of(lab, "connect");
        connectLog.mark();
        Pipeline pipeline = pipelineChange.apply(lab.pipeline(pipelineId).tables(sourceTable)
                .sinkConfig("tasks.max", Integer.toString(sinkTasks))).start();
        String table = pipeline.icebergTable(sourceTable);
        List<String> connectors = List.of(pipeline.source().name(), pipeline.sink().name());
        String profile = lab.settingsProfile().label();
        try (WriteLoad load = WriteLoad.start(lab.source(), sourceTable, TICK);
             FaultTimelineRecorder timeline = FaultTimelineRecorder.start(lab.connect(), connectors)) {
            long before = load.awaitCommitted(20, timeout);
            ChangelogAudit.awaitDelivered(lab.lake(), table, before, timeout);
            ConnectorState sink = lab.connect().status(pipeline.sink().name());
            if (sink.tasks().size() != sinkTasks || !sink.tasks().stream().allMatch(ConnectorState.TaskState::isRunning)) {
                throw new LabException(id + ": the sink did not run " + sinkTasks + " RUNNING task(s) before the fault: " + sink);
            }
            beforeFault.accept(pipeline);
            Timer sinceFault = Timer.start();
            Optional<Duration> detected;
            String firstSign;
            int restarts;
            try (HealthWatcher watcher = HealthWatcher.start(lab.connect(), connectors)) {
                timeline.fault(fault);
                inject.accept(pipeline);
                timeline.action(fault + ": done, the process is up again");
                long writtenAfter = load.awaitCommitted((int) load.committedTransactions() + 10, timeout);
                // lab.connect() after the fault: in a cluster, a worker that still runs.
                FailedTaskRestarter.Outcome restarted = FailedTaskRestarter.awaitDelivered(lab.connect(), connectors,
                        lab.lake(), table, writtenAfter, timeout);
                timeline.recovered("row " + writtenAfter + ", written after the fault, is in Iceberg");
                for (int i = 0; i < restarted.restarts(); i++) {
                    timeline.actionAt(restarted.restartedAtMillis().get(i), "restart of the FAILED "
                            + restarted.failures().get(i));
                }
                restarts = restarted.restarts();
                detected = watcher.timeToDetect();
                firstSign = watcher.whatWasSeen().orElse("no status ever left RUNNING");
            }
            Duration recovered = sinceFault.elapsed();
            afterRecovery.accept(pipeline);
            load.stop();
            ChangelogAudit audit;
            try {
                audit = ChangelogAudit.awaitComplete(lab.lake(), table, load.insertedIds(), drainTimeout);
            } catch (LabException stillMissing) {
                // Lost rows are the finding, not an error here: audit what arrived; the caller asserts.
                audit = ChangelogAudit.of(lab.lake(), table, load.insertedIds());
            }
            List<String> key = List.of("id");
            Reconciliation state = Reconciler.compare(lab.source().query("SELECT id, version, note FROM " + sourceTable),
                    CurrentState.rows(lab.lake(), table, key), key);
            FaultOutcome outcome = new FaultOutcome(id, fault + " (" + profile + " settings)", detected, recovered,
                    Optional.empty(), firstSign, restarts, state.missing().size(), state.extra().size(),
                    state.differing().size(), audit.events(), audit.duplicateEvents(), audit.missingInserts().size(),
                    load.committedTransactions(), load.failedTransactions());
            String lossEvidence = audit.missingInserts().isEmpty() ? "" : LossForensics.explain(lab, pipeline,
                    sourceTable, table, audit.missingInserts(), connectLog.newLinesPerFile());
            if (!lossEvidence.isEmpty()) {
                LOG.warn("{}: {}", id, lossEvidence);
            }
            LakeInvariants.Result invariants = LakeInvariants.forPipeline(lab, pipeline, sourceTable).check();
            Timeline drawn = timeline.finish(caption == null ? id + ": " + fault : caption, load, lab.lake(), table);
            return new Result(outcome, state, audit, invariants, profile, drawn, lossEvidence);
        } finally {
            pipeline.delete();
        }
    }
}
