package io.cdclab.faults;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorState;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches what an operator's monitoring would: the Connect REST API and the status of some connectors, polled
 * every 250 ms from the moment a fault is injected. The first time anything is not RUNNING (or Connect does
 * not answer) is the time to detect; a fault nobody's status shows is reported as such.
 */
public final class HealthWatcher implements AutoCloseable {
    private final List<String> connectors;
    private final long startNanos = System.nanoTime();
    private final ConnectorStatusPoll poll;
    private volatile Duration firstSign;
    private volatile String whatWasSeen;

    private HealthWatcher(ConnectClient connect, List<String> connectors) {
        this.connectors = List.copyOf(connectors);
        this.poll = ConnectorStatusPoll.start(connect, connectors, Duration.ofMillis(250), "cdc-lab-health-watcher",
                this::probe);
    }

    /** Starts watching now: call it at the moment the fault is injected. */
    public static HealthWatcher start(ConnectClient connect, List<String> connectors) {
        return new HealthWatcher(connect, connectors);
    }

    /** Returns whether to poll again: not once a first sign was seen. */
    private boolean probe(ConnectorStatusPoll.Poll statuses) {
        String problem = statuses.statuses().values().stream().map(HealthWatcher::problem).filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (problem != null) {
            whatWasSeen = problem;
            firstSign = Duration.ofNanos(System.nanoTime() - startNanos);
        }
        return problem == null;
    }

    /** What is wrong with one connector's status, or null when it and its tasks run. */
    private static String problem(Optional<ConnectorState> status) {
        if (status.isEmpty()) {
            return "Connect REST API did not answer";
        }
        return status.get().isRunning() ? null : describe(status.get());
    }

    private static String describe(ConnectorState state) {
        return state.name() + " " + state.state() + (state.hasFailure() ? " (task FAILED)" : "")
                + state.tasks().stream().map(t -> " task " + t.id() + " " + t.state()).reduce("", String::concat);
    }

    /** Waits until a first sign of trouble was seen. */
    public Duration awaitDetected(Duration timeout) {
        Awaitility.await("a connector status other than RUNNING for " + connectors)
                .atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> firstSign != null);
        return firstSign;
    }

    /** Time from the start until the first sign of trouble, if one was seen. */
    public Optional<Duration> timeToDetect() {
        return Optional.ofNullable(firstSign);
    }

    /** What the first sign was, e.g. "f1-sink RUNNING task 0 FAILED". */
    public Optional<String> whatWasSeen() {
        return Optional.ofNullable(whatWasSeen);
    }

    @Override
    public void close() {
        poll.close();
    }
}
