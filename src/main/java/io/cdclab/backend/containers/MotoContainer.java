package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.ContainerImages;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * moto's server (AWS emulator): Glue, S3, STS and IAM on one port, the same moto_server 5.2.1 the machines have
 * installed: the AWS account of a Glue lake on the containers backend ({@link MotoGlueLake}), in place of the S3
 * container. Iceberg's GlueCatalog and S3FileIO get {@link #networkEndpoint()} inside the Docker network (the
 * Connect worker) and {@link #hostEndpoint()} in the lab's JVM (Spark), as {@code glue.endpoint} and
 * {@code s3.endpoint}, with {@code s3.path-style-access=true}.
 *
 * <p>Authentication: moto checks nothing by default. With {@code INITIAL_NO_AUTH_ACTION_COUNT=N} it accepts the
 * first N AWS requests unsigned (time to create the IAM users, keys and policies) and from then on enforces
 * SigV4 signatures and IAM policies. Requests to {@code /moto-api/} (the wait strategy's) are not counted. moto
 * never compares a session's expiry, and keeps everything in memory: a restarted container is empty.
 */
public class MotoContainer extends GenericContainer<MotoContainer> {
    public static final int PORT = 5000;
    /** moto's dashboard: answers 200 once the server serves requests, with or without auth enforcement. */
    public static final String READY_PATH = "/moto-api/";

    /**
     * @param unauthenticatedSetUpRequests how many AWS requests moto accepts before it enforces authentication
     */
    public MotoContainer(Network network, int unauthenticatedSetUpRequests) {
        this(network, unauthenticatedSetUpRequests, ContainerImages.MOTO);
    }

    public MotoContainer(Network network, int unauthenticatedSetUpRequests, DockerImageName image) {
        super(image);
        if (unauthenticatedSetUpRequests < 0) {
            throw new IllegalArgumentException("unauthenticatedSetUpRequests must be 0 or more, not "
                    + unauthenticatedSetUpRequests);
        }
        withNetwork(network);
        withNetworkAliases(NetworkAliases.MOTO);
        withExposedPorts(PORT);
        withEnv("MOTO_PORT", Integer.toString(PORT));
        withEnv("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(unauthenticatedSetUpRequests));
        waitingFor(Wait.forHttp(READY_PATH).forPort(PORT).forStatusCode(200)
                .withStartupTimeout(Duration.ofMinutes(2)));
        HostPorts.publish(this, PORT);
    }

    /** moto as the topology's store: the {@code aws} service, not restartable (it would come back empty). */
    public S3Container asLakeStore() {
        return new S3Container("aws", this, PORT, NetworkAliases.MOTO, READY_PATH, Optional.empty(),
                Optional.of("moto keeps the account (IAM, sessions), the Glue catalog and S3 in memory, so a restarted "
                        + "container would come back without the lake."), List.of());
    }

    /** moto as containers on the lab's network reach it. */
    public URI networkEndpoint() {
        return URI.create("http://" + NetworkAliases.MOTO + ":" + PORT);
    }

    /** moto as the lab's JVM reaches it (a host port). */
    public URI hostEndpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }
}
