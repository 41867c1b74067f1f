package io.cdclab.faults;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorState;
import io.cdclab.topology.LabException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an operator (or a small cron job) does after a fault: restart whatever connector or task is FAILED, until
 * everything is RUNNING. Counts the restarts it needed, since "it healed by itself" and "someone had to restart
 * it" are different answers for the runbook.
 */
public final class FailedTaskRestarter {
    private static final Logger LOG = LoggerFactory.getLogger(FailedTaskRestarter.class);

    private FailedTaskRestarter() {
    }

    /** The restarts that were needed, and the first line of each failure that caused one. */
    public record Outcome(int restarts, List<String> failures) {
    }

    public static Outcome awaitRunning(ConnectClient connect, List<String> connectors, Duration timeout) {
        AtomicInteger restarts = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Map<String, ConnectorState> last = new ConcurrentHashMap<>();
        try {
            Awaitility.await("connectors " + connectors + " RUNNING (restarting FAILED tasks)")
                    .atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        boolean allRunning = true;
                        for (String name : connectors) {
                            ConnectorState state = connect.status(name);
                            last.put(name, state);
                            if (state.hasFailure()) {
                                String failure = name + ": " + state.failureSummary().lines().findFirst().orElse("");
                                LOG.info("restarting failed {}", failure);
                                failures.add(failure);
                                connect.restart(name, true, true);
                                restarts.incrementAndGet();
                            }
                            allRunning &= state.isRunning();
                        }
                        return allRunning;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("Connectors " + connectors + " were not all RUNNING within " + timeout.toSeconds()
                    + " s after " + restarts.get() + " restart(s); last status: " + last.values(), e);
        }
        return new Outcome(restarts.get(), List.copyOf(failures));
    }
}
