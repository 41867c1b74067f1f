package io.cdclab.backend.containers;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, as Testcontainers finds one (DOCKER_HOST, the Unix socket, Docker Desktop,
 * ~/.testcontainers.properties). Asking pulls and starts nothing; the answer is cached for the JVM.
 */
public final class DockerEngine {
    public static final String UNAVAILABLE_REASON = "no Docker engine answers (Testcontainers found none via "
            + "DOCKER_HOST, /var/run/docker.sock or ~/.testcontainers.properties)";
    private static volatile Boolean available;

    private DockerEngine() {
    }

    public static boolean isAvailable() {
        Boolean known = available;
        if (known == null) {
            known = DockerClientFactory.instance().isDockerAvailable();
            available = known;
        }
        return known;
    }
}
