package io.cdclab.backend.containers;

import io.cdclab.endpoints.Secret;
import org.testcontainers.containers.GenericContainer;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The containers backend's S3 server, whichever image runs it ({@link S3Server}, or moto for a Glue lake): where the lab's JVM and the
 * Connect worker reach it, how to tell it is ready, and its key enforcement where it has one.
 *
 * @param service        the lab's name for it: {@code s3}, or {@code aws} for moto (Glue, STS and IAM too)
 * @param container      the container, for the service life cycle and log capture
 * @param port           the S3 port inside the container
 * @param networkAlias   the name the Connect container reaches it by
 * @param healthPath     a path on the S3 port that answers 200 once it serves requests (after a restart too)
 * @param keyEnforcement the server that accepts only its current key pair (S3Proxy); empty where any pair works
 * @param restartRefusal why the container must not be stopped and started again, if it must not
 * @param secrets        secrets the container holds beyond the lab's own (e.g. LocalStack's auth token)
 */
public record S3Container(String service, GenericContainer<?> container, int port, String networkAlias, String healthPath,
                          Optional<S3ProxyContainer> keyEnforcement, Optional<String> restartRefusal,
                          List<Secret> secrets) {

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
