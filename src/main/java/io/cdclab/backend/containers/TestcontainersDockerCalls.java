package io.cdclab.backend.containers;

import com.github.dockerjava.api.command.LogContainerCmd;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/** {@link DockerCalls} on a Testcontainers container definition. */
final class TestcontainersDockerCalls implements DockerCalls {
    private final GenericContainer<?> container;

    TestcontainersDockerCalls(GenericContainer<?> container) {
        this.container = container;
    }

    @Override
    public void create() {
        container.start();
    }

    @Override
    public boolean exists() {
        return container.getContainerId() != null;
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public void start() {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void stop(Duration grace) {
        container.getDockerClient().stopContainerCmd(container.getContainerId())
                .withTimeout((int) grace.toSeconds()).exec();
    }

    @Override
    public void kill() {
        container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void remove() {
        container.stop();
    }

    @Override
    public void followLogsSince(Instant since) {
        // Testcontainers' own followOutput asks for everything since the container was created, which would write
        // the earlier runs' output into the log files a second time. Docker counts "since" in whole seconds.
        for (Consumer<OutputFrame> consumer : container.getLogConsumers()) {
            LogContainerCmd cmd = container.getDockerClient().logContainerCmd(container.getContainerId())
                    .withFollowStream(true).withSince((int) since.getEpochSecond())
                    .withStdOut(true).withStdErr(true);
            FrameConsumerResultCallback callback = new FrameConsumerResultCallback();
            callback.addConsumer(OutputFrame.OutputType.STDOUT, consumer);
            callback.addConsumer(OutputFrame.OutputType.STDERR, consumer);
            cmd.exec(callback);
        }
    }

    @Override
    public String logTail(int lines) {
        String[] all = container.getLogs().split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
