package io.cdclab.backend.containers;

import io.cdclab.topology.LabException;
import io.cdclab.topology.Service;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One container with the service life cycle of the lab. The first start is Testcontainers' (create, start, wait
 * strategy); after that, stop and kill keep the container and its data (as {@code docker stop} and
 * {@code docker kill} do) and start runs it again on the same host port, then waits on {@code readiness} (a log
 * based wait strategy would match the previous run's lines). {@link #remove()} is the end of its life.
 */
final class ContainerService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerService.class);

    private final String name;
    private final GenericContainer<?> container;
    private final Callable<Boolean> readiness;
    private boolean created;

    ContainerService(String name, GenericContainer<?> container, Callable<Boolean> readiness) {
        this.name = name;
        this.container = container;
        this.readiness = readiness;
    }

    @Override
    public String name() {
        return name;
    }

    GenericContainer<?> container() {
        return container;
    }

    @Override
    public synchronized void start() {
        if (!created) {
            container.start();
            created = true;
            return;
        }
        if (isRunning()) {
            return;
        }
        Timer timer = Timer.start();
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        try {
            Awaitility.await(name + " container ready again").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(readiness);
        } catch (ConditionTimeoutException e) {
            throw new LabException("The " + name + " container did not become ready within 2 min after a restart. "
                    + "Its output ends with:\n" + tail(container.getLogs(), 30), e);
        }
        LOG.info("containers: {} ready again in {}", name, timer.seconds());
    }

    @Override
    public synchronized void stop() {
        if (created && isRunning()) {
            container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(30).exec();
        }
    }

    /** SIGKILL to the container's main process, as {@code docker kill} does. */
    @Override
    public synchronized void kill() {
        if (created && isRunning()) {
            container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return created && container.isRunning();
    }

    /** Stops and removes the container. */
    synchronized void remove() {
        if (created) {
            container.stop();
            created = false;
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
