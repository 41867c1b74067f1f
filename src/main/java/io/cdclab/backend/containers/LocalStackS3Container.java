package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.ContainerImages;
import io.cdclab.endpoints.Secret;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

import java.time.Duration;

/**
 * LocalStack running S3 only, for teams that hold a LocalStack auth token (every LocalStack image since March
 * 2026 needs one). Written here rather than taken from Testcontainers' LocalStack module because that module's
 * constructor asks the Docker engine for its socket path (to mount it for Lambda), so it cannot even be defined,
 * and inspected in a unit test, on a machine without Docker. S3 needs no socket. LocalStack accepts any key pair
 * and keeps S3 in memory: see {@link S3Server}.
 */
public class LocalStackS3Container extends GenericContainer<LocalStackS3Container> {
    public static final int PORT = 4566;
    public static final String HEALTH_PATH = "/_localstack/health";
    public static final String AUTH_TOKEN_VAR = "LOCALSTACK_AUTH_TOKEN";

    public LocalStackS3Container(Network network, String region, Secret authToken) {
        super(ContainerImages.LOCALSTACK);
        withNetwork(network);
        withNetworkAliases(NetworkAliases.LOCALSTACK);
        withExposedPorts(PORT);
        withEnv("SERVICES", "s3");
        withEnv("AWS_DEFAULT_REGION", region);
        withEnv(AUTH_TOKEN_VAR, authToken.reveal());
        waitingFor(Wait.forLogMessage(".*Ready\\.\n", 1).withStartupTimeout(Duration.ofMinutes(2)));
        HostPorts.publish(this, PORT);
    }
}
