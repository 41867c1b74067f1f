package io.cdclab.backend.embedded;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.servers.ConnectWorker;
import io.cdclab.servers.S3ProxyServer;
import io.cdclab.servers.WorkerSecretFiles;
import io.cdclab.topology.AbstractFaults;

import io.cdclab.errors.LabException;
import io.cdclab.topology.Service;
import java.util.List;
import java.util.Map;

/** Fault controls of the embedded backend: S3Proxy restarted with a new identity, the worker JVM restarted. */
final class EmbeddedFaults extends AbstractFaults {
    private final EmbeddedTopology topology;
    private final S3ProxyServer s3;
    private final ConnectWorker connect;
    private final List<ConnectWorker> workers;

    EmbeddedFaults(EmbeddedTopology topology, S3ProxyServer s3, ConnectWorker connect, List<ConnectWorker> workers,
                   String region) {
        super(region);
        this.topology = topology;
        this.s3 = s3;
        this.connect = connect;
        this.workers = workers;
    }

    @Override
    public AwsCredentials expireObjectStoreCredentials() {
        AwsCredentials next = AwsCredentials.generate();
        topology.rememberSecrets(next.secretAccessKey());
        s3.rotateCredentials(next);
        topology.reopenLake();
        return next;
    }

    @Override
    public void restartConnectWorker(Map<String, String> changedEnvironment) {
        connect.restart(changedEnvironment);
    }

    @Override
    public Service connectWorker(String workerId) {
        return workers.stream().filter(w -> w.workerId().equals(workerId)).findFirst()
                .orElseThrow(() -> new LabException("No Connect worker of this topology is " + workerId + "; its workers are "
                        + workers.stream().map(ConnectWorker::workerId).toList()));
    }

    @Override
    public WorkerSecretFile writeWorkerSecretFile(String name, Map<String, Secret> values) {
        return new WorkerSecretFile(WorkerSecretFiles.write(connect.secretsDir(), name, values).toString());
    }

    @Override
    public void writeSharedCredentialsFile(AwsCredentials credentials) {
        WorkerSecretFiles.writeSharedCredentials(connect.sharedCredentialsFile(), credentials);
    }
}
