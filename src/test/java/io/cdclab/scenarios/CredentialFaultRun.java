package io.cdclab.scenarios;

import io.cdclab.connect.ConnectorState;
import io.cdclab.faults.ChangelogAudit;
import io.cdclab.faults.FaultOutcome;
import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.HealthWatcher;
import io.cdclab.faults.WriteLoad;
import io.cdclab.lake.CurrentState;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One credential fault under a continuous write load, the same steps for F1/F2 (a revoked key pair) and G2 (a
 * revoked STS session): revoke, wait for the sink task to fail with a credential error, recover, then prove that
 * nothing was lost or duplicated, in the materialised state and in the raw changelog.
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

    /** Which task trace this run saw, with its outcome. */
    record Result(FaultOutcome outcome, String trace) {
    }

    Result run(RunningTopology lab, Pipeline pipeline) {
        String sourceTable = pipeline.source().get("table.include.list");
        String table = pipeline.icebergTable(sourceTable);
        String sink = pipeline.sink().name();
        try (WriteLoad load = WriteLoad.start(lab.source(), sourceTable, TICK)) {
            long before = load.awaitCommitted(20, TIMEOUT);
            ChangelogAudit.awaitDelivered(lab.lake(), table, before, TIMEOUT);

            Timer sinceFault = Timer.start();
            C revoked = revoke.get();
            ConnectorState failed;
            Optional<Duration> detected;
            String firstSign;
            int restartsBeforeCredentialError;
            try (HealthWatcher watcher = HealthWatcher.start(lab.connect(), List.of(sink))) {
                watcher.awaitDetected(TIMEOUT);
                detected = watcher.timeToDetect();
                firstSign = watcher.whatWasSeen().orElse("-");
                AtomicInteger restarts = new AtomicInteger();
                failed = awaitCredentialFailure(lab, sink, restarts);
                restartsBeforeCredentialError = restarts.get();
            }
            String trace = failed.tasks().stream().map(ConnectorState.TaskState::trace)
                    .filter(Objects::nonNull).filter(this::isCredentialError).findFirst().orElse("");

            Timer action = Timer.start();
            recovery.accept(revoked);
            lab.connect().awaitRunning(sink, TIMEOUT);
            Duration actionTook = action.elapsed();
            long writtenAfter = load.lastInsertedId();
            ChangelogAudit.awaitDelivered(lab.lake(), table, writtenAfter, TIMEOUT);
            Duration recovered = sinceFault.elapsed();

            load.stop();
            ChangelogAudit audit = ChangelogAudit.awaitComplete(lab.lake(), table, load.insertedIds(), TIMEOUT);
            Reconciliation r = Reconciler.compare(lab.source().query("SELECT id, version, note FROM " + sourceTable),
                    CurrentState.rows(lab.lake(), table, List.of("id")), List.of("id"));
            FaultOutcome outcome = new FaultOutcome(id, fault, detected, recovered, Optional.of(actionTook),
                    firstSign + " — " + firstLine(trace), restartsBeforeCredentialError, r.missing().size(),
                    r.extra().size(), r.differing().size(), audit.events(), audit.duplicateEvents(),
                    audit.missingInserts().size(), load.committedTransactions(), load.failedTransactions());
            FaultsReport.record(outcome);

            org.assertj.core.api.Assertions.assertThat(trace).as("the failed sink task's trace names the credential "
                    + "problem (one of %s)", credentialErrorTexts).isNotEmpty();
            org.assertj.core.api.Assertions.assertThat(r.matches()).as(r.summary()).isTrue();
            org.assertj.core.api.Assertions.assertThat(r.sourceRows()).isGreaterThan(20);
            org.assertj.core.api.Assertions.assertThat(audit.missingInserts())
                    .as("inserts committed but not in the changelog").isEmpty();
            // The sink commits Kafka offsets with the Iceberg snapshot: a failed task's uncommitted files are
            // dropped and re-read, so even the raw changelog holds every event once.
            org.assertj.core.api.Assertions.assertThat(audit.duplicateEvents())
                    .as("duplicate events in the raw changelog").isZero();
            return new Result(outcome, trace);
        }
    }

    private boolean isCredentialError(String trace) {
        return credentialErrorTexts.stream().anyMatch(trace::contains);
    }

    /**
     * Waits for the sink to fail with a credential error. The embedded store "expires" a key by restarting with a
     * new identity, so the sink may first fail on the seconds it was down (connection refused): such a failure is
     * not the one under test, and its task is restarted (and counted) until the credential error shows.
     */
    private ConnectorState awaitCredentialFailure(RunningTopology lab, String connector, AtomicInteger restarts) {
        AtomicReference<ConnectorState> state = new AtomicReference<>();
        Awaitility.await(connector + " to fail with a credential error after its credentials were revoked")
                .atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    ConnectorState s = lab.connect().status(connector);
                    state.set(s);
                    if (!s.hasFailure()) {
                        return false;
                    }
                    boolean credential = s.tasks().stream().map(ConnectorState.TaskState::trace)
                            .filter(Objects::nonNull).anyMatch(this::isCredentialError);
                    if (!credential) {
                        lab.connect().restart(connector, true, true);
                        restarts.incrementAndGet();
                    }
                    return credential;
                });
        return state.get();
    }

    private String firstLine(String trace) {
        return trace.lines().filter(this::isCredentialError).findFirst()
                .or(() -> trace.lines().findFirst()).orElse("").strip();
    }
}
