package io.cdclab.backend.containers;

import java.time.Duration;
import java.time.Instant;

/**
 * The Docker calls the lab makes on one container, and nothing else: the seam between the service life cycle
 * ({@link ContainerService}) and the engine, so that life cycle can be unit-tested without one.
 */
interface DockerCalls {

    /**
     * Testcontainers' start: create the container (copying its files in), start it, follow its output into the
     * registered log consumers and wait on its wait strategy. On failure Testcontainers removes what it created.
     */
    void create();

    /** Whether a container exists for this definition (created, running or stopped). */
    boolean exists();

    boolean isRunning();

    /** {@code docker start} of the existing container. */
    void start();

    /** {@code docker stop -t grace}: the image's stop signal (SIGTERM) to PID 1, SIGKILL once {@code grace} ends. */
    void stop(Duration grace);

    /** {@code docker kill}: SIGKILL to PID 1. */
    void kill();

    /** Testcontainers' stop: kills and removes the container (and its anonymous volumes). */
    void remove();

    /**
     * Follows the container's output from {@code since} on into the same log consumers as the first start. Docker
     * ends a follow when the container stops, so every {@code docker start} needs a new one.
     */
    void followLogsSince(Instant since);

    /** The last {@code lines} lines of the container's output, for error messages. */
    String logTail(int lines);
}
