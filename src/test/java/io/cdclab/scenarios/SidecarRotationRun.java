package io.cdclab.scenarios;

import io.cdclab.faults.ChangelogAudit;
import io.cdclab.faults.FailedTaskRestarter;
import io.cdclab.faults.FaultOutcome;
import io.cdclab.faults.FaultTimelineRecorder;
import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.HealthWatcher;
import io.cdclab.faults.WriteLoad;
import io.cdclab.lake.CurrentState;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.LakeInvariants;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rotation under a continuous write load where nobody touches Connect (F2r, G3): the sink reads its credentials
 * through a refreshing provider (the SDK's profile provider over the worker's shared credentials file), the old
 * credentials stop working and a sidecar writes new ones. Proves nothing lost, and at most one failed task: the
 * request in flight at the revocation keeps the old credentials (the SDK resolves them once per request, not per
 * retry), every later request reads the new file.
 */
final class SidecarRotationRun {
    private static final Duration TIMEOUT = CredentialFaultRun.TIMEOUT;

    private SidecarRotationRun() {
    }

    /**
     * @param rotate revokes the sink's credentials and, as the sidecar, writes fresh ones to the worker's file;
     *               returns what the sink showed first, for the report
     */
    static FaultOutcome run(RunningTopology lab, Pipeline pipeline, String id, String fault,
                            Supplier<String> rotate) {
        String sourceTable = pipeline.source().get("table.include.list");
        String table = pipeline.icebergTable(sourceTable);
        String sink = pipeline.sink().name();
        try (WriteLoad load = WriteLoad.start(lab.source(), sourceTable, Duration.ofMillis(100));
             FaultTimelineRecorder timeline = FaultTimelineRecorder.start(lab.connect(),
                     List.of(pipeline.source().name(), sink))) {
            long before = load.awaitCommitted(20, TIMEOUT);
            ChangelogAudit.awaitDelivered(lab.lake(), table, before, TIMEOUT);

            Timer sinceFault = Timer.start();
            FailedTaskRestarter.Outcome restarted;
            Optional<Duration> detected;
            String firstSign;
            String seen;
            try (HealthWatcher watcher = HealthWatcher.start(lab.connect(), List.of(sink))) {
                timeline.fault("credentials revoked; the sidecar writes fresh ones (nobody touches Connect)");
                seen = rotate.get();
                timeline.action("fresh credentials in the worker's file");
                long writtenAfter = load.awaitCommitted((int) load.committedTransactions() + 10, TIMEOUT);
                restarted = FailedTaskRestarter.awaitDelivered(lab.connect(), List.of(sink), lab.lake(), table,
                        writtenAfter, TIMEOUT);
                timeline.recovered("row " + writtenAfter + ", written after the revocation, is in Iceberg");
                for (int i = 0; i < restarted.restarts(); i++) {
                    timeline.actionAt(restarted.restartedAtMillis().get(i), "restart of the FAILED "
                            + restarted.failures().get(i));
                }
                detected = watcher.timeToDetect();
                firstSign = watcher.whatWasSeen().orElse("no status ever left RUNNING");
            }
            Duration recovered = sinceFault.elapsed();
            load.stop();
            ChangelogAudit audit = ChangelogAudit.awaitComplete(lab.lake(), table, load.insertedIds(), TIMEOUT);
            Reconciliation r = Reconciler.compare(lab.source().query("SELECT id, version, note FROM " + sourceTable),
                    CurrentState.rows(lab.lake(), table, List.of("id")), List.of("id"));
            FaultOutcome outcome = new FaultOutcome(id, fault, detected, recovered, Optional.of(Duration.ZERO),
                    seen.isEmpty() ? firstSign : firstSign + " — " + seen, restarted.restarts(), r.missing().size(),
                    r.extra().size(), r.differing().size(), audit.events(), audit.duplicateEvents(),
                    audit.missingInserts().size(), load.committedTransactions(), load.failedTransactions());
            FaultsReport.record(outcome, timeline.finish(id + ": " + fault, load, lab.lake(), table));

            assertThat(r.matches()).as(r.summary()).isTrue();
            assertThat(audit.missingInserts()).as("inserts committed but not in the changelog").isEmpty();
            LakeInvariants.forPipeline(lab, pipeline, sourceTable).check().assertHolds();
            assertThat(restarted.restarts()).as("task restarts needed (%s)", firstSign).isLessThanOrEqualTo(1);
            return outcome;
        }
    }
}
