package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.servers.LocalServices;
import io.cdclab.servers.WorkerSecretFiles;
import io.cdclab.topology.AbstractFaults;

import java.util.Map;
import java.util.Optional;

/**
 * Fault controls of the aws backend: the local Connect worker can be restarted with new AWS variables (the seed's
 * runbook) and given secret files. Real AWS keys cannot be revoked by the lab; they expire by themselves, which is
 * what the opt-in real-STS run waits for ({@link StsRunSettings}).
 */
final class AwsFaults extends AbstractFaults {
    private final AwsTopology topology;
    private final LocalServices local;
    private final Optional<EmulatedAccount> emulated;

    AwsFaults(AwsTopology topology, LocalServices local, String region, Optional<EmulatedAccount> emulated) {
        super(region);
        this.topology = topology;
        this.local = local;
        this.emulated = emulated;
    }

    @Override
    public Optional<String> missingCapability(Capability capability) {
        if (capability == Capability.EXPIRE_OBJECT_STORE_CREDENTIALS) {
            return Optional.of(GlueLake.whyNoKeyRevocation(topology.backend(), emulated.isPresent()));
        }
        return Optional.empty();
    }

    @Override
    public AwsCredentials expireObjectStoreCredentials() {
        throw new UnsupportedOperationException("The aws backend cannot revoke real AWS keys; an STS session expires "
                + "by itself: run the opt-in real-STS test (-Paws -D" + StsRunSettings.ENABLED + "=true).");
    }

    @Override
    public void restartConnectWorker(Map<String, String> changedEnvironment) {
        topology.rememberEnvironmentSecrets(changedEnvironment);
        local.connect.restart(changedEnvironment);
    }

    @Override
    public WorkerSecretFile writeWorkerSecretFile(String name, Map<String, Secret> values) {
        values.values().forEach(topology::rememberSecrets);
        return new WorkerSecretFile(WorkerSecretFiles.write(local.connect.secretsDir(), name, values).toString());
    }

    @Override
    public void writeSharedCredentialsFile(AwsCredentials credentials) {
        topology.rememberSecrets(credentials);
        WorkerSecretFiles.writeSharedCredentials(local.connect.sharedCredentialsFile(), credentials);
    }
}
