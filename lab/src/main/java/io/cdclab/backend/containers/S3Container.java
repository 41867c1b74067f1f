package io.cdclab.backend.containers;

import io.cdclab.topology.AwsCredentials;
import org.testcontainers.containers.GenericContainer;

import java.net.URI;
import java.util.Optional;

/**
 * The containers backend's S3 server, whichever image runs it ({@link S3Server}): where the lab's JVM and the
 * Connect worker reach it, how to tell it is ready, and its key management where it has one.
 *
 * @param container    the container, for the service life cycle and log capture
 * @param port         the S3 port inside the container
 * @param networkAlias the name the Connect container reaches it by
 * @param healthPath   a path on the S3 port that answers 200 once it serves requests (after a restart too)
 * @param keyAdmin     key management with real enforcement (MinIO); empty where any key pair is accepted (LocalStack)
 */
public record S3Container(GenericContainer<?> container, int port, String networkAlias, String healthPath,
                          Optional<MinioAdmin> keyAdmin) {

    /** Once the server is up: makes {@code pipelineKeys} a key pair it accepts (nothing to do without key admin). */
    public void provision(AwsCredentials pipelineKeys) {
        keyAdmin.ifPresent(admin -> admin.addUser(pipelineKeys));
    }

    /** S3 as the lab's JVM reaches it (a host port). */
    public URI hostEndpoint() {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port));
    }

    /** S3 as the Connect container reaches it (the network alias). */
    public URI networkEndpoint() {
        return URI.create("http://" + networkAlias + ":" + port);
    }

    public URI healthUri() {
        return URI.create(hostEndpoint() + healthPath);
    }
}
