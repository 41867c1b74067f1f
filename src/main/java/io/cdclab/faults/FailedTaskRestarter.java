package io.cdclab.faults;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorState;
import io.cdclab.errors.LabException;
import io.cdclab.lake.Lake;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator (or a small cron job) does after a fault: restart whatever connector or task is FAILED, until
 * rows written after the fault are in the lake. Counts the restarts it needed, since "it healed by itself" and
 * "someone had to restart it" are different answers for the runbook.
 */
public final class FailedTaskRestarter {
    private static final Logger LOG = LoggerFactory.getLogger(FailedTaskRestarter.class);

    private FailedTaskRestarter() {
    }

    /**
     * The restarts that were needed, the first line of each failure that caused one, and when each was made
     * (epoch ms, for a fault's timeline).
     */
    public record Outcome(int restarts, List<String> failures, List<Long> restartedAtMillis) {
    }

    /**
     * Waits until {@code table} holds row {@code id} or a later one (ids grow with time), restarting each of
     * {@code connectors} whenever it or one of its tasks is FAILED.
     */
    public static Outcome awaitDelivered(ConnectClient connect, List<String> connectors, Lake lake, String table,
                                         long id, Duration timeout) {
        List<String> failures = new ArrayList<>();
        List<Long> restartedAt = new ArrayList<>();
        AtomicLong newest = new AtomicLong(-1);
        try {
            Awaitility.await("row " + id + " in " + table + " (restarting FAILED connectors " + connectors + ")")
                    .atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        restartFailed(connect, connectors, failures, restartedAt);
                        var row = lake.rows("SELECT max(id) FROM " + table).get(0);
                        newest.set(row.isNullAt(0) ? -1 : ((Number) row.get(0)).longValue()); // int or bigint ids
                        return newest.get() >= id;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("Row " + id + " did not reach " + table + " within " + timeout.toSeconds() + " s (newest "
                    + "there: " + newest.get() + ") after " + failures.size() + " restart(s) of " + connectors
                    + "; failures seen: " + failures + ". Check the Connect log.", e);
        }
        return new Outcome(failures.size(), List.copyOf(failures), List.copyOf(restartedAt));
    }

    /**
     * Waits until {@code done} holds, restarting each of {@code connectors} whenever it or one of its tasks is
     * FAILED: for a recovery that "a row after the fault" does not mark (F12: a whole snapshot in the lake).
     * {@code what} names the wait in the timeout's message; {@code done} may throw while servers restart.
     */
    public static Outcome awaitUntil(ConnectClient connect, List<String> connectors, String what,
                                     Callable<Boolean> done, Duration timeout) {
        List<String> failures = new ArrayList<>();
        List<Long> restartedAt = new ArrayList<>();
        try {
            Awaitility.await(what + " (restarting FAILED connectors " + connectors + ")")
                    .atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        restartFailed(connect, connectors, failures, restartedAt);
                        return done.call();
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("Not done within " + timeout.toSeconds() + " s: " + what + ", after "
                    + failures.size() + " restart(s) of " + connectors + "; failures seen: " + failures
                    + ". Check the Connect log.", e);
        }
        return new Outcome(failures.size(), List.copyOf(failures), List.copyOf(restartedAt));
    }

    private static void restartFailed(ConnectClient connect, List<String> connectors, List<String> failures,
                                      List<Long> restartedAt) {
        for (String name : connectors) {
            ConnectorState state = connect.status(name);
            if (state.hasFailure()) {
                String failure = name + ": " + state.failureSummary().lines().findFirst().orElse("");
                LOG.info("restarting failed {}", failure);
                failures.add(failure);
                restartedAt.add(System.currentTimeMillis());
                connect.restart(name, true, true);
            }
        }
    }
}
