package io.cdclab.backend.containers;

import io.cdclab.errors.LabException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The topology-level container calls against fakes of the Docker calls: recreating the Connect worker (F1) and a
 * start in which one container fails while the others are still starting.
 */
class ContainersServicesTest {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, String> connectEnv = new HashMap<>();
    private final FakeDockerCalls postgresDocker = new FakeDockerCalls("postgres", calls);
    private final FakeDockerCalls kafkaDocker = new FakeDockerCalls("kafka", calls);
    private final FakeDockerCalls connectDocker = new FakeDockerCalls("connect", calls);
    private final FakeDockerCalls s3Docker = new FakeDockerCalls("s3", calls);

    private ContainersServices services() {
        return new ContainersServices(new ContainerService("postgres", postgresDocker, () -> true),
                new ContainerService("kafka", kafkaDocker, () -> true),
                new ContainerService("connect", connectDocker, () -> true),
                new ContainerService("s3", s3Docker, () -> true), connectEnv::putAll);
    }

    @Test
    void recreatingTheWorker_stopsItWithSigtermAndGraceBeforeRemovingIt_thenCreatesItWithTheNewEnvironment() {
        ContainersServices services = services();
        services.connect().start();
        calls.clear();

        services.recreateConnect(Map.of("AWS_ACCESS_KEY_ID", "LABNEWKEY"));

        assertThat(calls).containsExactly("connect:stop(SIGTERM, grace 30 s)", "connect:remove", "connect:create");
        assertThat(calls).noneMatch(call -> call.contains("kills"));
        assertThat(connectEnv).containsEntry("AWS_ACCESS_KEY_ID", "LABNEWKEY");
    }

    @Test
    void aFailedStart_leavesNoContainer_evenOneThatWasStillStarting_andStartsNothingAfterTheFailure() {
        CountDownLatch kafkaStillStarting = new CountDownLatch(1);
        kafkaDocker.blockingCreate(kafkaStillStarting);
        s3Docker.failingCreate(new LabException("s3 did not start"));
        ContainersServices services = services();

        // Kafka's start ends only once the failure of S3's has been handled (the start was abandoned).
        Thread gate = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(services.connect()::isAborted);
            kafkaStillStarting.countDown();
        });
        gate.start();

        assertThatThrownBy(() -> ParallelStart.run(services, List.of(
                () -> services.postgres().start(),
                () -> {
                    Awaitility.await().atMost(Duration.ofSeconds(20)).until(kafkaDocker::exists); // Kafka is mid-start
                    services.s3().start();
                },
                () -> {
                    services.kafka().start();
                    services.connect().start();
                })))
                .isInstanceOf(LabException.class).hasMessage("s3 did not start");

        assertThat(List.of(postgresDocker, kafkaDocker, connectDocker, s3Docker))
                .allSatisfy(docker -> assertThat(docker.state()).isEqualTo(FakeDockerCalls.State.NONE));
        assertThat(calls).as("Connect never started after the failure").doesNotContain("connect:create");
        assertThat(calls).contains("kafka:create", "kafka:stop(SIGTERM, grace 30 s)", "kafka:remove");
        assertThat(calls.indexOf("kafka:remove")).as("removed only once its start had ended")
                .isGreaterThan(calls.indexOf("kafka:create"));
    }

    @Test
    void aStartThatSucceeds_leavesEverythingRunning() {
        ContainersServices services = services();

        ParallelStart.run(services, List.of(() -> services.postgres().start(), () -> services.s3().start(),
                () -> {
                    services.kafka().start();
                    services.connect().start();
                }));

        assertThat(services.asMap().values()).allSatisfy(s -> assertThat(s.isRunning()).isTrue());
    }
}
