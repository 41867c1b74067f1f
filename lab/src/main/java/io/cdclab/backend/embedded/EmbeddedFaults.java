package io.cdclab.backend.embedded;

import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.Faults;
import io.cdclab.topology.LabException;
import io.cdclab.topology.Secret;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/** Fault controls of the embedded backend: S3Proxy restarted with a new identity, the worker JVM restarted. */
final class EmbeddedFaults implements Faults {
    private final EmbeddedTopology topology;
    private final S3ProxyServer s3;
    private final ConnectWorker connect;
    private final String region;

    EmbeddedFaults(EmbeddedTopology topology, S3ProxyServer s3, ConnectWorker connect, String region) {
        this.topology = topology;
        this.s3 = s3;
        this.connect = connect;
        this.region = region;
    }

    @Override
    public AwsCredentials expireObjectStoreCredentials() {
        AwsCredentials next = AwsCredentials.generate();
        topology.remember(next.secretAccessKey());
        s3.rotateCredentials(next);
        topology.reopenLake();
        return next;
    }

    @Override
    public void restartConnectWorker(Map<String, String> changedEnvironment) {
        connect.restart(changedEnvironment);
    }

    @Override
    public Map<String, String> awsEnvironment(AwsCredentials credentials) {
        return EmbeddedTopology.awsEnvironment(credentials, region);
    }

    @Override
    public WorkerSecretFile writeWorkerSecretFile(String name, Map<String, Secret> values) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new LabException("Secret file name '" + name + "' must be letters, digits, '.', '_' or '-'.");
        }
        Path file = connect.secretsDir().resolve(name);
        Properties props = new Properties();
        values.forEach((k, v) -> props.setProperty(k, v.reveal()));
        StringWriter text = new StringWriter();
        try {
            props.store(text, null);
        } catch (IOException e) {
            throw new LabException("Cannot render the worker's secret file " + file + ": " + e.getMessage(), e);
        }
        writeAtomically(file, text.toString());
        return new WorkerSecretFile(file.toAbsolutePath().toString());
    }

    @Override
    public void writeSharedCredentialsFile(AwsCredentials credentials) {
        StringBuilder profile = new StringBuilder("[default]\n")
                .append("aws_access_key_id = ").append(credentials.accessKeyId()).append('\n')
                .append("aws_secret_access_key = ").append(credentials.secretAccessKey().reveal()).append('\n');
        credentials.sessionToken().ifPresent(t -> profile.append("aws_session_token = ").append(t.reveal()).append('\n'));
        writeAtomically(connect.sharedCredentialsFile(), profile.toString());
    }

    /** Written next to the target (owner-only) and moved in one step: a reader never sees half a file. */
    private static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException("Cannot write the worker's secret file " + file + ": " + e.getMessage(), e);
        }
    }
}
