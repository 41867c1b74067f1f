package io.cdclab.scenarios;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorState;
import io.cdclab.connect.SinkCoordinatorLocation;
import io.cdclab.faults.CrashUnderLoad;
import io.cdclab.junit.CdcLab;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.faults.FaultsReport;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.topology.SettingsProfile;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F9 of SCENARIOS.md: a Connect cluster of two workers (one group, one set of internal topics), and the worker
 * that runs the Iceberg sink's commit coordinator killed with {@code kill -9} under write load. Its tasks and the
 * coordinator move to the survivor, the lake invariants (F8) hold, nothing is lost or duplicated; the killed
 * worker then starts again and the cluster spreads the tasks over both workers again.
 */
@CdcLab(kafkaPartitions = 3, connectWorkers = 2, profile = SettingsProfile.RECOVERY)
class ConnectClusterScenariosTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TICK = Duration.ofMillis(250);

    @Test
    void f9_twoWorkers_coordinatorsWorkerKilled_tasksAndCoordinatorMoveToTheSurvivor_rebalanceBackOnRestart(
            RunningTopology lab) {
        AtomicReference<SinkCoordinatorLocation> before = new AtomicReference<>();
        AtomicReference<SinkCoordinatorLocation> after = new AtomicReference<>();
        AtomicReference<Set<String>> workersAfterRestart = new AtomicReference<>();
        AtomicReference<Duration> rebalanceBack = new AtomicReference<>();
        AtomicReference<Duration> workerStart = new AtomicReference<>();
        CrashUnderLoad.Result result = CrashUnderLoad.on(lab, "f9", "F9",
                        "Connect worker running the sink's coordinator kill -9, cluster of two")
                .sinkTasks(2)
                .inject(pipeline -> {
                    before.set(awaitSpreadThenLocate(lab, pipeline));
                    lab.faults().connectWorker(before.get().workerId()).kill();
                })
                .afterRecovery(pipeline -> {
                    after.set(awaitCoordinatorOn(lab, pipeline, survivor(lab, before.get())));
                    Service killed = lab.faults().connectWorker(before.get().workerId());
                    Timer starting = Timer.start();
                    killed.start();
                    workerStart.set(starting.elapsed());
                    Timer sinceReady = Timer.start();
                    workersAfterRestart.set(awaitTasksOnBothWorkers(lab, pipeline));
                    rebalanceBack.set(sinceReady.elapsed());
                })
                .run();
        CrashAndBadInputScenariosTest.assertRecovered(result);

        assertThat(after.get().workerId()).as("the coordinator moved off the killed worker")
                .isNotEqualTo(before.get().workerId());
        assertThat(workersAfterRestart.get()).as("tasks on both workers after the killed one rejoined").hasSize(2);
        FaultsReport.page().section("F9 Connect cluster of two workers")
                .paragraph("The sink's coordinator ran in task " + before.get().task() + " on worker "
                        + before.get().workerId() + " (it holds " + before.get().partition() + ", the first partition "
                        + "of the first topic). After that worker's kill -9 it ran in task " + after.get().task()
                        + " on " + after.get().workerId() + "; time to recover "
                        + FaultsReport.seconds(result.outcome().timeToRecover()) + " (" + result.profile()
                        + " settings). The killed worker started again in " + FaultsReport.seconds(workerStart.get())
                        + " and had tasks again " + FaultsReport.seconds(rebalanceBack.get()) + " after it was ready "
                        + "(workers with tasks: " + workersAfterRestart.get() + ").");
        FaultsReport.page().write();
    }

    /**
     * Waits until the pipeline's tasks run on both workers (so the kill moves some and leaves others), then where
     * the coordinator runs.
     */
    private static SinkCoordinatorLocation awaitSpreadThenLocate(RunningTopology lab, Pipeline pipeline) {
        awaitTasksOnBothWorkers(lab, pipeline);
        AtomicReference<SinkCoordinatorLocation> found = new AtomicReference<>();
        Awaitility.await("the sink's coordinator task").atMost(TIMEOUT).pollInterval(TICK).ignoreExceptions()
                .until(() -> {
                    SinkCoordinatorLocation at = SinkCoordinatorLocation.find(lab.kafkaBootstrapServers(), lab.connect(),
                            pipeline.sink().name()).orElse(null);
                    found.set(at);
                    return at != null && at.workerId() != null;
                });
        return found.get();
    }

    private static Set<String> awaitTasksOnBothWorkers(RunningTopology lab, Pipeline pipeline) {
        AtomicReference<Set<String>> workers = new AtomicReference<>(Set.of());
        Awaitility.await("the pipeline's tasks RUNNING on both workers (seen: " + workers + ")").atMost(TIMEOUT)
                .pollInterval(TICK).ignoreExceptions().until(() -> {
                    ConnectClient connect = lab.connect();
                    List<ConnectorState.TaskState> tasks = Stream.of(pipeline.source().name(), pipeline.sink().name())
                            .flatMap(c -> connect.status(c).tasks().stream()).toList();
                    workers.set(tasks.stream().map(ConnectorState.TaskState::workerId).collect(Collectors.toSet()));
                    return tasks.size() == 3 && tasks.stream().allMatch(ConnectorState.TaskState::isRunning)
                            && workers.get().size() == 2;
                });
        return workers.get();
    }

    private static String survivor(RunningTopology lab, SinkCoordinatorLocation killed) {
        ConnectorState sink = lab.connect().status("f9-sink");
        return sink.tasks().stream().map(ConnectorState.TaskState::workerId).filter(w -> !w.equals(killed.workerId()))
                .findFirst().orElseThrow(() -> new AssertionError("no sink task off the killed worker: " + sink));
    }

    private static SinkCoordinatorLocation awaitCoordinatorOn(RunningTopology lab, Pipeline pipeline, String worker) {
        AtomicReference<SinkCoordinatorLocation> found = new AtomicReference<>();
        Awaitility.await("the sink's coordinator on the survivor " + worker).atMost(TIMEOUT).pollInterval(TICK)
                .ignoreExceptions().until(() -> {
                    found.set(SinkCoordinatorLocation.find(lab.kafkaBootstrapServers(), lab.connect(),
                            pipeline.sink().name()).orElse(null));
                    return found.get() != null && worker.equals(found.get().workerId());
                });
        return found.get();
    }
}
