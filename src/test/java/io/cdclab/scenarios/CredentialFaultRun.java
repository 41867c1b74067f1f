package io.cdclab.scenarios;

import io.cdclab.connect.ConnectorState;
import io.cdclab.faults.ChangelogAudit;
import io.cdclab.faults.FaultOutcome;
import io.cdclab.faults.FaultTimelineRecorder;
import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.HealthWatcher;
import io.cdclab.faults.LogTail;
import io.cdclab.faults.WriteLoad;
import io.cdclab.lake.CurrentState;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.report.Timeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.LakeInvariants;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One credential fault under a continuous write load, the same steps for F1/F2 (a revoked key pair) and G2 (a
 * revoked STS session): revoke, wait for the sink task to fail with a credential error, recover, then prove that
 * nothing was lost or duplicated, in the materialised state and in the raw changelog. Several runs can meet one
 * revocation together ({@link #together}), so that their waits for the sink to fail overlap.
 *
 * @param <C> what the revocation hands the recovery: the new key pair, or nothing
 */
final class CredentialFaultRun<C> {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TICK = Duration.ofMillis(100);

    private final String id;
    private final String fault;
    private final Supplier<C> revoke;
    private final List<String> credentialErrorTexts;
    private final Consumer<C> recovery;

    /**
     * @param credentialErrorTexts texts of which the failed task's trace must hold one (e.g. "403")
     */
    CredentialFaultRun(String id, String fault, Supplier<C> revoke, List<String> credentialErrorTexts,
                       Consumer<C> recovery) {
        this.id = id;
        this.fault = fault;
        this.revoke = revoke;
        this.credentialErrorTexts = credentialErrorTexts;
        this.recovery = recovery;
    }

    /** A run whose revocation is shared with others: see {@link #together}. */
    CredentialFaultRun(String id, String fault, List<String> credentialErrorTexts, Consumer<C> recovery) {
        this(id, fault, null, credentialErrorTexts, recovery);
    }

    /** Which task trace this run saw, with its outcome. */
    record Result(FaultOutcome outcome, String trace, Timeline timeline) {
    }

    /** This run on its own pipeline, as one of {@link #together}'s runs. */
    Leg<C> on(Pipeline pipeline) {
        return new Leg<>(this, pipeline);
    }

    Result run(RunningTopology lab, Pipeline pipeline) {
        Objects.requireNonNull(revoke, () -> id + " has no revocation of its own; run it with together(...)");
        return together(lab, revoke, List.of(on(pipeline))).get(0);
    }

    /**
     * Runs {@code legs}, each on its own pipeline and write load, against one revocation: every sink fails at once
     * (the ~95 s of the finding in docs/FINDINGS.md are spent once), then the legs recover one after the other in list order,
     * each checked in full before the next one's recovery starts, since a worker bounce would restart every sink.
     * A leg's outage does not count the time its failed sink waited for the legs before it: on its own, the
     * operator acts as soon as the failure shows. Outcomes are recorded in id order; checks are asserted together.
     */
    static <C> List<Result> together(RunningTopology lab, Supplier<C> revoke, List<Leg<C>> legs) {
        List<WriteLoad> loads = new ArrayList<>();
        List<HealthWatcher> watchers = new ArrayList<>();
        List<FaultTimelineRecorder> timelines = new ArrayList<>();
        try {
            for (Leg<C> leg : legs) {
                leg.load = WriteLoad.start(lab.source(), leg.sourceTable, TICK);
                loads.add(leg.load);
                leg.timeline = FaultTimelineRecorder.start(lab.connect(),
                        List.of(leg.pipeline.source().name(), leg.sink));
                timelines.add(leg.timeline);
            }
            for (Leg<C> leg : legs) {
                long before = leg.load.awaitCommitted(20, TIMEOUT);
                ChangelogAudit.awaitDelivered(lab.lake(), leg.table, before, TIMEOUT);
            }

            Timer sinceFault = Timer.start();
            legs.forEach(leg -> leg.timeline.fault("credentials revoked"));
            C revoked = revoke.get();
            for (Leg<C> leg : legs) {
                leg.watcher = HealthWatcher.start(lab.connect(), List.of(leg.sink));
                watchers.add(leg.watcher);
            }
            // One sink's status can stay RUNNING for its whole retry loop while another's already failed: wait
            // for all the failures first (each restarted when not the credential error), a FAILED status is
            // what the watchers see.
            awaitCredentialFailures(lab, legs);
            for (Leg<C> leg : legs) {
                leg.watcher.awaitDetected(TIMEOUT);
            }
            watchers.forEach(HealthWatcher::close);

            List<Result> results = new ArrayList<>();
            for (Leg<C> leg : legs) {
                results.add(leg.recoverAndCheck(lab, revoked, sinceFault));
            }
            results.stream().sorted(Comparator.comparing(r -> r.outcome().id()))
                    .forEach(r -> FaultsReport.record(r.outcome(), r.timeline()));
            SoftAssertions.assertSoftly(soft -> legs.forEach(leg -> leg.assertChecks(soft)));
            return results;
        } finally {
            watchers.forEach(HealthWatcher::close);
            timelines.forEach(FaultTimelineRecorder::close);
            loads.forEach(WriteLoad::close);
        }
    }

    /**
     * Waits for every leg's sink to fail with a credential error, all in one loop so no leg waits on another. The
     * embedded store "expires" a key by restarting with a new identity, so a sink may first fail on the seconds it
     * was down (connection refused): such a failure is not the one under test, and its task is restarted (and
     * counted) until the credential error shows.
     */
    private static <C> void awaitCredentialFailures(RunningTopology lab, List<Leg<C>> legs) {
        String ids = legs.stream().map(l -> l.run.id + " " + l.sink).collect(Collectors.joining(", "));
        Awaitility.await(ids + " to fail with a credential error after the credentials were revoked")
                .atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    boolean all = true;
                    for (Leg<C> leg : legs) {
                        all &= leg.failedWithCredentialError(lab);
                    }
                    return all;
                });
    }

    private boolean isCredentialError(String trace) {
        return credentialErrorTexts.stream().anyMatch(trace::contains);
    }

    private String firstLine(String trace) {
        return trace.lines().filter(this::isCredentialError).findFirst()
                .or(() -> trace.lines().findFirst()).orElse("").strip();
    }

    /** One run on one pipeline, and what it measured. */
    static final class Leg<C> {
        private final CredentialFaultRun<C> run;
        private final String sourceTable;
        private final String table;
        private final String sink;
        private WriteLoad load;
        private HealthWatcher watcher;
        private FaultTimelineRecorder timeline;
        private ConnectorState failed;
        private Timer sinceFailureSeen;
        private int restartsBeforeCredentialError;
        private String trace = "";
        private final Pipeline pipeline;
        private Reconciliation reconciliation;
        private ChangelogAudit audit;
        private LakeInvariants.Result invariants;
        private boolean workerStopWasKilled;

        private Leg(CredentialFaultRun<C> run, Pipeline pipeline) {
            this.run = run;
            this.pipeline = pipeline;
            this.sourceTable = pipeline.source().get("table.include.list");
            this.table = pipeline.icebergTable(sourceTable);
            this.sink = pipeline.sink().name();
        }

        /** True once the sink failed with a credential error; restarts it after any other failure. */
        private boolean failedWithCredentialError(RunningTopology lab) {
            if (failed != null) {
                return true;
            }
            ConnectorState s = lab.connect().status(sink);
            if (!s.hasFailure()) {
                return false;
            }
            boolean credential = s.tasks().stream().map(ConnectorState.TaskState::trace)
                    .filter(Objects::nonNull).anyMatch(run::isCredentialError);
            if (credential) {
                failed = s;
                sinceFailureSeen = Timer.start();
            } else {
                lab.connect().restart(sink, true, true);
                restartsBeforeCredentialError++;
            }
            return credential;
        }

        private Result recoverAndCheck(RunningTopology lab, C revoked, Timer sinceFault) {
            trace = failed.tasks().stream().map(ConnectorState.TaskState::trace)
                    .filter(Objects::nonNull).filter(run::isCredentialError).findFirst().orElse("");
            Duration waitedForOthers = sinceFailureSeen.elapsed();

            Timer action = Timer.start();
            timeline.action("recovery action starts" + (waitedForOthers.toMillis() >= 1000 ? " (after "
                    + FaultsReport.seconds(waitedForOthers) + " waiting on the other pipeline sharing this revocation, "
                    + "left out of its outage)"
                    : "") + ": " + run.fault.substring(run.fault.indexOf("; ") + 1).strip());
            LogTail workerLog = LogTail.of(lab, "connect");
            workerLog.mark();
            run.recovery.accept(revoked);
            lab.connect().awaitRunning(sink, TIMEOUT);
            workerStopWasKilled = stopStartedButNeverEnded(workerLog.newLines());
            if (workerStopWasKilled) {
                timeline.action("the worker's stop hung (\"Kafka Connect stopping\", never \"stopped\") and it was killed");
            }
            Duration actionTook = action.elapsed();
            timeline.action(sink + " RUNNING again, " + FaultsReport.seconds(actionTook) + " after the action started");
            long writtenAfter = load.lastInsertedId();
            ChangelogAudit.awaitDelivered(lab.lake(), table, writtenAfter, TIMEOUT);
            Duration recovered = sinceFault.elapsed().minus(waitedForOthers);
            timeline.recovered("row " + writtenAfter + ", written after the revocation, is in Iceberg", waitedForOthers);

            load.stop();
            audit = ChangelogAudit.awaitComplete(lab.lake(), table, load.insertedIds(), TIMEOUT);
            reconciliation = Reconciler.compare(
                    lab.source().query("SELECT id, version, note FROM " + sourceTable),
                    CurrentState.rows(lab.lake(), table, List.of("id")), List.of("id"));
            Reconciliation r = reconciliation;
            invariants = LakeInvariants.forPipeline(lab, pipeline, sourceTable).check();
            FaultOutcome outcome = new FaultOutcome(run.id, run.fault, watcher.timeToDetect(), recovered,
                    Optional.of(actionTook), watcher.whatWasSeen().orElse("-") + " — " + run.firstLine(trace),
                    restartsBeforeCredentialError, r.missing().size(), r.extra().size(), r.differing().size(),
                    audit.events(), audit.duplicateEvents(), audit.missingInserts().size(),
                    load.committedTransactions(), load.failedTransactions());
            return new Result(outcome, trace, timeline.finish(run.id + ": " + run.fault, load, lab.lake(), table));
        }

        private void assertChecks(SoftAssertions soft) {
            String id = run.id;
            soft.assertThat(trace).as("%s: the failed sink task's trace names the credential problem (one of %s)",
                    id, run.credentialErrorTexts).isNotEmpty();
            soft.assertThat(reconciliation.matches()).as("%s: %s", id, reconciliation.summary()).isTrue();
            soft.assertThat(reconciliation.sourceRows()).as("%s: source rows", id).isGreaterThan(20);
            soft.assertThat(audit.missingInserts()).as("%s: inserts committed but not in the changelog", id)
                    .isEmpty();
            // The sink commits Kafka offsets with the Iceberg snapshot: a failed task's uncommitted files are
            // dropped and re-read, so even the raw changelog holds every event once, as long as the worker stops
            // cleanly. When its stop hangs (Jetty's own shutdown hook racing Connect's, seen once in ~20 stops) and
            // the bounce ends in a kill, as docker's stop timeout would, the source re-sends what it sent since its
            // last offset flush: at least once, which the keyed state above absorbs.
            if (!workerStopWasKilled) {
                soft.assertThat(audit.duplicateEvents()).as("%s: duplicate events in the raw changelog", id).isZero();
            }
            soft.assertThat(invariants.violations()).as("%s: %s", id, invariants.summary()).isEmpty();
        }

        /** A Connect log that says the worker began to stop and never that it stopped: it was killed. */
        private static boolean stopStartedButNeverEnded(List<String> lines) {
            boolean stopping = false;
            for (String line : lines) {
                if (line.contains("Kafka Connect stopping")) {
                    stopping = true;
                } else if (line.contains("Kafka Connect stopped")) {
                    stopping = false;
                } else if (stopping && line.contains("Kafka Connect starting")) {
                    return true;
                }
            }
            return stopping;
        }
    }
}
