package io.cdclab.backend.containers;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The containers' service life cycle against a fake of the Docker calls: which calls, in which order. */
class ContainerServiceTest {
    private final FakeDockerCalls docker = new FakeDockerCalls("connect");
    private final ContainerService service = new ContainerService("connect", docker, () -> true);

    @Test
    void theFirstStartIsTestcontainers_laterOnesADockerStartThatFollowsTheLogsAgain() {
        service.start();
        service.stop();
        service.start();
        service.kill();
        service.start();

        assertThat(docker.calls()).containsExactly("connect:create",
                "connect:stop(SIGTERM, grace 30 s)", "connect:start", "connect:followLogs",
                "connect:kill(SIGKILL)", "connect:start", "connect:followLogs");
    }

    @Test
    void restart_isAGracefulStopThenAStart() {
        service.start();
        service.restart();

        assertThat(docker.calls()).containsExactly("connect:create", "connect:stop(SIGTERM, grace 30 s)",
                "connect:start", "connect:followLogs");
    }

    @Test
    void remove_stopsGracefullyFirst_neverKillsARunningContainer() {
        service.start();
        service.remove();

        assertThat(docker.calls()).containsExactly("connect:create", "connect:stop(SIGTERM, grace 30 s)", "connect:remove");
        assertThat(docker.state()).isEqualTo(FakeDockerCalls.State.NONE);
    }

    @Test
    void remove_ofAStoppedContainer_needsNoSecondStop_andARemovedOneIsCreatedAnew() {
        service.start();
        service.stop();
        service.remove();
        service.start();

        assertThat(docker.calls()).containsExactly("connect:create", "connect:stop(SIGTERM, grace 30 s)",
                "connect:remove", "connect:create");
    }

    @Test
    void afterAnAbort_startRefuses_butRemoveStillWorks() {
        service.start();
        service.abort();

        assertThatThrownBy(service::start).isInstanceOf(LabException.class)
                .hasMessageContaining("connect").hasMessageContaining("another container failed to start");
        service.remove();
        assertThat(docker.state()).isEqualTo(FakeDockerCalls.State.NONE);
    }

    @Test
    void aServerThatWouldLoseItsData_refusesStopAndKill_butIsRemovedAtTheEnd() {
        FakeDockerCalls localstack = new FakeDockerCalls("s3");
        ContainerService s3 = new ContainerService("s3", localstack, () -> true, Optional.of("it keeps S3 in memory"));
        s3.start();

        assertThatThrownBy(s3::stop).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("stop the s3 container").hasMessageContaining("in memory");
        assertThatThrownBy(s3::kill).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(s3::restart).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s3.isRunning()).isTrue();
        s3.remove();
        assertThat(localstack.calls()).containsExactly("s3:create", "s3:stop(SIGTERM, grace 30 s)", "s3:remove");
    }
}
