package io.cdclab.backend.containers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.servers.WorkerSecretFiles;
import io.cdclab.topology.AbstractFaults;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Fault controls of the containers backend. Key expiry is real enforcement on S3Proxy, as on the embedded backend:
 * the server restarts accepting only a fresh key pair, so the old one gets 403 InvalidAccessKeyId (the lake's data
 * stays: it is the same container). The worker restart with a new environment recreates the Connect container, as
 * {@code docker compose up} does when a service's environment changed; its state lives in Kafka, so the connectors
 * come back. A Glue lake's worker holds STS sessions instead of a key pair: those are revoked on the emulated
 * account (G2/G3), not here.
 */
final class ContainersFaults extends AbstractFaults {
    private final ContainersTopology topology;
    private final LabContainers containers;
    private final ContainersServices services;
    private final Optional<String> noKeyRevocation;

    /** @param noKeyRevocation why the lake's store has no key pair to revoke (a Glue lake), or empty */
    ContainersFaults(ContainersTopology topology, LabContainers containers, ContainersServices services, String region,
                     Optional<String> noKeyRevocation) {
        super(region);
        this.topology = topology;
        this.containers = containers;
        this.services = services;
        this.noKeyRevocation = noKeyRevocation;
    }

    @Override
    public Optional<String> missingCapability(Capability capability) {
        return capability == Capability.EXPIRE_OBJECT_STORE_CREDENTIALS ? noKeyRevocation : Optional.empty();
    }

    @Override
    public AwsCredentials expireObjectStoreCredentials() {
        noKeyRevocation.ifPresent(reason -> {
            throw new UnsupportedOperationException("Cannot revoke the store's key pair: " + reason + ".");
        });
        S3ProxyContainer proxy = containers.s3().keyEnforcement().orElseThrow(() -> new UnsupportedOperationException(
                "The containers backend runs LocalStack for S3 here, which accepts any key pair, so no key can be "
                        + "revoked. Run without -D" + S3Server.PROPERTY + " (s3proxy, the default)."));
        AwsCredentials next = AwsCredentials.generate();
        topology.rememberSecrets(next.secretAccessKey());
        proxy.useKeys(next);
        // Graceful stop, start, /healthz: from here on only the new pair is accepted.
        services.s3().restart();
        topology.useS3Credentials(next);
        return next;
    }

    @Override
    public void restartConnectWorker(Map<String, String> changedEnvironment) {
        // e.g. a fresh STS session (G2): the worker holds it from now on
        topology.rememberEnvironmentSecrets(changedEnvironment);
        services.recreateConnect(changedEnvironment);
    }

    @Override
    public WorkerSecretFile writeWorkerSecretFile(String name, Map<String, Secret> values) {
        values.values().forEach(topology::rememberSecrets);
        byte[] file = WorkerSecretFiles.properties(values).getBytes(StandardCharsets.UTF_8);
        try {
            return new WorkerSecretFile(containers.connect().putSecretFile(name, file));
        } catch (IllegalArgumentException e) {
            throw new LabException(e.getMessage(), e);
        }
    }

    @Override
    public void writeSharedCredentialsFile(AwsCredentials credentials) {
        topology.rememberSecrets(credentials);
        containers.connect().putSecretFile(ConnectContainer.SHARED_CREDENTIALS_FILE_NAME,
                credentials.sharedCredentialsProfile().getBytes(StandardCharsets.UTF_8));
    }
}
