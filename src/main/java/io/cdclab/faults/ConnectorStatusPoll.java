package io.cdclab.faults;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorState;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Connectors' status as an operator's monitoring reads it from the Connect REST API, for {@link HealthWatcher} and
 * {@link FaultTimelineRecorder}: every connector's, polled on a daemon thread with a fixed delay between polls, from
 * its start until it is closed or the reader has seen enough.
 */
final class ConnectorStatusPoll implements AutoCloseable {
    /**
     * One poll: when it began (epoch ms) and each connector's status in the order given, empty where Connect did
     * not answer (down or restarting).
     */
    record Poll(long atMillis, Map<String, Optional<ConnectorState>> statuses) {
    }

    private final ConnectClient connect;
    private final List<String> connectors;
    private final Predicate<Poll> onPoll;
    private final ScheduledExecutorService executor;

    private ConnectorStatusPoll(ConnectClient connect, List<String> connectors, Duration every, String threadName,
                                Predicate<Poll> onPoll) {
        this.connect = connect;
        this.connectors = List.copyOf(connectors);
        this.onPoll = onPoll;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Polls now and then {@code every} after each poll on thread {@code threadName}, handing each to {@code onPoll},
     * which returns whether to poll again.
     */
    static ConnectorStatusPoll start(ConnectClient connect, List<String> connectors, Duration every, String threadName,
                                     Predicate<Poll> onPoll) {
        return new ConnectorStatusPoll(connect, connectors, every, threadName, onPoll);
    }

    private void poll() {
        long now = System.currentTimeMillis();
        Map<String, Optional<ConnectorState>> statuses = new LinkedHashMap<>();
        for (String name : connectors) {
            Optional<ConnectorState> status;
            try {
                status = Optional.of(connect.status(name));
            } catch (RuntimeException e) {
                status = Optional.empty();
            }
            statuses.put(name, status);
        }
        if (!onPoll.test(new Poll(now, statuses))) {
            executor.shutdown(); // a periodic task does not run again after a shutdown
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
