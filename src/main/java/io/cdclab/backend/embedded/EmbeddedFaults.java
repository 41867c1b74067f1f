package io.cdclab.backend.embedded;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.servers.ConnectWorker;
import io.cdclab.servers.WorkerSecretFiles;
import io.cdclab.topology.AbstractFaults;

import io.cdclab.errors.LabException;
import io.cdclab.topology.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Fault controls of the embedded backend: S3Proxy restarted with a new identity, the worker JVM restarted. */
final class EmbeddedFaults extends AbstractFaults {
    private final EmbeddedTopology topology;
    private final List<ConnectWorker> workers;

    /** On {@code topology}'s servers: its S3Proxy, its first Connect worker, and every worker by id. */
    EmbeddedFaults(EmbeddedTopology topology, List<ConnectWorker> workers) {
        super(topology.topology().region());
        this.topology = topology;
        this.workers = workers;
    }

    @Override
    public AwsCredentials expireObjectStoreCredentials() {
        AwsCredentials next = AwsCredentials.generate();
        topology.rememberSecrets(next.secretAccessKey());
        topology.objectStoreServer().rotateCredentials(next);
        topology.reopenLake();
        return next;
    }

    @Override
    public void restartConnectWorker(Map<String, String> changedEnvironment) {
        topology.connectWorker().restart(changedEnvironment);
    }

    @Override
    public Service connectWorker(String workerId) {
        return workers.stream().filter(w -> w.workerId().equals(workerId)).findFirst()
                .orElseThrow(() -> new LabException("No Connect worker of this topology is " + workerId + "; its workers are "
                        + workers.stream().map(ConnectWorker::workerId).toList()));
    }

    @Override
    public WorkerSecretFile writeWorkerSecretFile(String name, Map<String, Secret> values) {
        Path file = WorkerSecretFiles.write(topology.connectWorker().secretsDir(), name, values);
        return new WorkerSecretFile(file.toString());
    }

    @Override
    public void writeSharedCredentialsFile(AwsCredentials credentials) {
        WorkerSecretFiles.writeSharedCredentials(topology.connectWorker().sharedCredentialsFile(), credentials);
    }
}
