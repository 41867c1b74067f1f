package io.cdclab.topology;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * Fault controls beyond a service's own stop/kill/start: what the credential scenarios need. A backend that
 * cannot do one of these throws {@link UnsupportedOperationException} naming what is missing.
 */
public interface Faults {

    /** What a fault scenario may need of a backend; scenarios skip, naming the reason, where one is missing. */
    enum Capability { EXPIRE_OBJECT_STORE_CREDENTIALS, RESTART_CONNECT_WORKER, WORKER_SECRET_FILES }

    /** Why this backend cannot do {@code capability}, or empty when it can. */
    default Optional<String> missingCapability(Capability capability) {
        return Optional.empty();
    }

    /**
     * The object store stops accepting the key pair the pipeline writes with and accepts a fresh one only, which
     * this returns. Requests signed with the old pair then get S3's {@code 403 InvalidAccessKeyId}; the lab's own
     * reader ({@link RunningTopology#lake()}) is re-opened with the new pair.
     */
    AwsCredentials expireObjectStoreCredentials();

    /**
     * The seed's runbook step: restart the Connect worker process with {@code changedEnvironment} merged into its
     * environment (e.g. {@link #awsEnvironment}), returning once its REST API answers again.
     */
    void restartConnectWorker(Map<String, String> changedEnvironment);

    /**
     * The Connect worker that Connect's REST status names {@code workerId} (e.g. {@code 127.0.0.1:8083}), as a
     * service to kill or restart: in a cluster of several workers, the one that runs a given task.
     */
    default Service connectWorker(String workerId) {
        throw new UnsupportedOperationException("This backend cannot name a Connect worker by its id " + workerId
                + ": it runs one worker, the service \"connect\".");
    }

    /** The variables the AWS SDK's default chain reads for {@code credentials}, as the seed sets them. */
    Map<String, String> awsEnvironment(AwsCredentials credentials);

    /**
     * Writes {@code values} as a properties file the Connect worker's {@code file} config provider reads, and
     * returns the reference prefix to use in connector configs: {@code ${file:<path>:}} + key + {@code }}.
     * Rewriting the file and restarting a connector rotates what it sees, without bouncing the worker.
     */
    WorkerSecretFile writeWorkerSecretFile(String name, Map<String, Secret> values);

    /**
     * Writes {@code credentials} as profile {@code default} into the Connect worker's AWS shared credentials file
     * (the worker's {@code AWS_SHARED_CREDENTIALS_FILE}), as a credentials sidecar or a mounted secret would. A
     * sink configured with {@code client.credentials-provider} = the SDK's {@code ProfileCredentialsProvider}
     * re-reads the file when it changes: keys rotate with no restart at all.
     */
    void writeSharedCredentialsFile(AwsCredentials credentials);

    /** A secrets file on the Connect worker, referenced from connector configs as {@code ${file:path:key}}. */
    record WorkerSecretFile(String pathOnWorker) {
        public String reference(String key) {
            return "${file:" + pathOnWorker + ":" + key + "}";
        }
    }
}
