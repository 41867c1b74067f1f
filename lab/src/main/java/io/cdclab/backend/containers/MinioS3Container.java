package io.cdclab.backend.containers;

import io.cdclab.topology.Secret;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.Network;

import java.time.Duration;
import java.util.List;

/**
 * MinIO as the containers backend's S3 server, through Testcontainers' MinIO module. Unlike LocalStack it enforces
 * keys: the root login (random, set-up only) creates a pipeline user with its own key pair, and revoking that pair
 * makes MinIO refuse it, which is what the credential fault scenarios need.
 *
 * <p>Started with {@code --quiet}: MinIO's start-up banner prints the root login, and container output goes to the
 * run's log folder, which the secret scan (F7) reads. The web console is not started.
 */
public class MinioS3Container extends MinIOContainer {
    public static final int PORT = 9000;
    public static final String HEALTH_PATH = "/minio/health/live";
    static final String ROOT_USER = "lab-admin";

    private final MinioAdmin admin;

    public MinioS3Container(Network network, String region, Secret rootPassword) {
        super(ContainerImages.MINIO);
        withNetwork(network);
        withNetworkAliases(NetworkAliases.MINIO);
        withUserName(ROOT_USER);
        withPassword(rootPassword.reveal());
        withCommand("server", "--quiet", "/data");
        setExposedPorts(List.of(PORT));
        // MinIO checks the region requests are signed for against its own; the lab signs for the topology's.
        withEnv("MINIO_SITE_REGION", region);
        // The module's wait (/minio/health/live) with room for a cold image pull on a CI runner.
        withStartupTimeout(Duration.ofMinutes(2));
        HostPorts.publish(this, PORT);
        this.admin = new MinioAdmin(new ContainerExec(this), ROOT_USER, rootPassword);
    }

    /** The pipeline user's key management, through mc inside this container. */
    public MinioAdmin admin() {
        return admin;
    }
}
