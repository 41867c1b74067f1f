package io.cdclab.scenarios;

import io.cdclab.connect.SinkCoordinatorLocation;
import io.cdclab.faults.ConnectClusterWatch;
import io.cdclab.faults.CrashUnderLoad;
import io.cdclab.faults.FaultsReport;
import io.cdclab.junit.CdcLab;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.util.Timer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F9 of SCENARIOS.md: a Connect cluster of two workers (one group, one set of internal topics), and the worker
 * that runs the Iceberg sink's commit coordinator killed with {@code kill -9} under write load. Its tasks and the
 * coordinator move to the survivor, the lake invariants (F8) hold, nothing is lost or duplicated; the killed
 * worker then starts again and the cluster spreads the tasks over both workers again.
 */
@CdcLab(kafkaPartitions = 3, connectWorkers = 2, profile = SettingsProfile.RECOVERY)
class ConnectClusterScenariosTest {
    static final ScenarioFinding F9 = ScenarioFinding.of("F9", "Connect cluster of two workers", """
            When the worker running the sink's coordinator dies, the coordinator moves to the other worker and no row
            is lost; the killed worker takes tasks again once it rejoins.""");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

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
                .beforeFault(pipeline -> {
                    ConnectClusterWatch cluster = new ConnectClusterWatch(lab, pipeline, TIMEOUT);
                    cluster.awaitTasksOnBothWorkers();
                    before.set(cluster.awaitCoordinator());
                })
                .inject(pipeline -> lab.faults().connectWorker(before.get().workerId()).kill())
                .afterRecovery(pipeline -> {
                    ConnectClusterWatch cluster = new ConnectClusterWatch(lab, pipeline, TIMEOUT);
                    after.set(cluster.awaitCoordinatorOff(before.get().workerId()));
                    Service killed = lab.faults().connectWorker(before.get().workerId());
                    Timer starting = Timer.start();
                    killed.start();
                    workerStart.set(starting.elapsed());
                    Timer sinceReady = Timer.start();
                    workersAfterRestart.set(cluster.awaitTasksOnBothWorkers());
                    rebalanceBack.set(sinceReady.elapsed());
                })
                .run();
        CrashAndBadInputScenariosTest.assertRecovered(result);

        assertThat(after.get().workerId()).as("the coordinator moved off the killed worker")
                .isNotEqualTo(before.get().workerId());
        assertThat(workersAfterRestart.get()).as("tasks on both workers after the killed one rejoined").hasSize(2);
        FaultsReport.page().section(F9)
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
}
