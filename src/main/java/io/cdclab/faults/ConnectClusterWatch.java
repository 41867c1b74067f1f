package io.cdclab.faults;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorState;
import io.cdclab.connect.SinkCoordinatorLocation;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What scenario F9 waits for in a Connect cluster of two workers, read from Connect's REST status and the sink's
 * consumer group: the pipeline's tasks spread over both workers, and the worker that runs the sink's coordinator.
 */
public record ConnectClusterWatch(RunningTopology lab, Pipeline pipeline, Duration timeout) {
    private static final Duration TICK = Duration.ofMillis(250);

    /** Waits until every task of the pipeline runs and the tasks run on two workers; returns those workers. */
    public Set<String> awaitTasksOnBothWorkers() {
        AtomicReference<Set<String>> workers = new AtomicReference<>(Set.of());
        int expected = lab.connect().status(pipeline.source().name()).tasks().size()
                + Integer.parseInt(pipeline.sink().config().getOrDefault("tasks.max", "1"));
        Awaitility.await("the pipeline's " + expected + " tasks RUNNING on both workers").atMost(timeout)
                .pollInterval(TICK).ignoreExceptions().until(() -> {
                    ConnectClient connect = lab.connect();
                    List<ConnectorState.TaskState> tasks = Stream.of(pipeline.source().name(), pipeline.sink().name())
                            .flatMap(c -> connect.status(c).tasks().stream()).toList();
                    workers.set(tasks.stream().map(ConnectorState.TaskState::workerId).collect(Collectors.toSet()));
                    return tasks.size() >= expected && tasks.stream().allMatch(ConnectorState.TaskState::isRunning)
                            && workers.get().size() == 2;
                });
        return workers.get();
    }

    /** Where the sink's coordinator runs, once its group has an assignment. */
    public SinkCoordinatorLocation awaitCoordinator() {
        return awaitCoordinatorWhere(at -> true, "the sink's coordinator task");
    }

    /** Waits until the coordinator runs on a worker other than {@code workerId}. */
    public SinkCoordinatorLocation awaitCoordinatorOff(String workerId) {
        return awaitCoordinatorWhere(at -> !at.workerId().equals(workerId), "the sink's coordinator off " + workerId);
    }

    private SinkCoordinatorLocation awaitCoordinatorWhere(Predicate<SinkCoordinatorLocation> where,
                                                          String what) {
        AtomicReference<SinkCoordinatorLocation> found = new AtomicReference<>();
        Awaitility.await(what).atMost(timeout).pollInterval(TICK).ignoreExceptions().until(() -> {
            found.set(SinkCoordinatorLocation.find(lab.kafkaBootstrapServers(), lab.connect(), pipeline.sink().name())
                    .orElse(null));
            return found.get() != null && found.get().workerId() != null && where.test(found.get());
        });
        return found.get();
    }
}
