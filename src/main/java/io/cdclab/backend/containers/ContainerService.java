package io.cdclab.backend.containers;

import io.cdclab.errors.LabException;
import io.cdclab.topology.Service;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One container with the service life cycle of the lab. The first start is Testcontainers' (create, start, wait
 * strategy); after that, stop and kill keep the container and its data (as {@code docker stop} and
 * {@code docker kill} do) and start runs it again on the same host port, follows its output again and waits on
 * {@code readiness} (a log based wait strategy would match the previous run's lines). {@link #remove()} is the end
 * of its life: a graceful stop first, so removing (e.g. to recreate the Connect worker) is never a SIGKILL.
 */
final class ContainerService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerService.class);
    /** How long {@code docker stop} waits after SIGTERM before it kills. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    static final Duration READY_AGAIN_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final DockerCalls docker;
    private final Callable<Boolean> readiness;
    private final Optional<String> restartRefusal;
    private volatile boolean aborted;

    /**
     * @param restartRefusal why this container must not be stopped or killed and started again (its server would
     *                       lose its data), or empty
     */
    ContainerService(String name, DockerCalls docker, Callable<Boolean> readiness, Optional<String> restartRefusal) {
        this.name = name;
        this.docker = docker;
        this.readiness = readiness;
        this.restartRefusal = restartRefusal;
    }

    ContainerService(String name, DockerCalls docker, Callable<Boolean> readiness) {
        this(name, docker, readiness, Optional.empty());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        if (aborted) {
            throw new LabException("Not starting the " + name + " container: the topology's start was abandoned "
                    + "because another container failed to start (see the first error).");
        }
        if (!docker.exists()) {
            docker.create();
            return;
        }
        if (docker.isRunning()) {
            return;
        }
        Timer timer = Timer.start();
        Instant since = Instant.now();
        docker.start();
        docker.followLogsSince(since);
        try {
            Awaitility.await(name + " container ready again").atMost(READY_AGAIN_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(readiness);
        } catch (ConditionTimeoutException e) {
            throw new LabException("The " + name + " container did not become ready within "
                    + READY_AGAIN_TIMEOUT.toMinutes() + " min after a restart. Its output ends with:\n"
                    + docker.logTail(30), e);
        }
        LOG.info("containers: {} ready again in {}", name, timer.seconds());
    }

    /** {@code docker stop}: SIGTERM, then up to {@link #STOP_GRACE} for the server to shut down cleanly. */
    @Override
    public synchronized void stop() {
        refuseIfNotRestartable("stop");
        if (isRunning()) {
            docker.stop(STOP_GRACE);
        }
    }

    /** SIGKILL to the container's main process, as {@code docker kill} does. */
    @Override
    public synchronized void kill() {
        refuseIfNotRestartable("kill");
        if (isRunning()) {
            docker.kill();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return docker.exists() && docker.isRunning();
    }

    /** From now on {@link #start()} refuses: a failed topology start must not bring containers up behind it. */
    void abort() {
        aborted = true;
    }

    boolean isAborted() {
        return aborted;
    }

    /** Stops the container gracefully, then removes it. */
    synchronized void remove() {
        if (!docker.exists()) {
            return;
        }
        if (docker.isRunning()) {
            try {
                docker.stop(STOP_GRACE);
            } catch (RuntimeException e) {
                LOG.warn("containers: stopping {} before removing it failed ({}); removing it anyway", name, e.toString());
            }
        }
        docker.remove();
    }

    private void refuseIfNotRestartable(String what) {
        restartRefusal.ifPresent(reason -> {
            throw new UnsupportedOperationException("Cannot " + what + " the " + name + " container: " + reason);
        });
    }
}
