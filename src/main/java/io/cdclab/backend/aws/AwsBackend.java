package io.cdclab.backend.aws;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.errors.LabException;
import io.cdclab.gluelake.AwsApis;
import io.cdclab.gluelake.AwsSettings;
import io.cdclab.gluelake.GlueLakeTopology;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.AbstractBackend;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.StartupTimes;
import io.cdclab.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The lake on real AWS: S3 for the files and Glue as the Iceberg catalog (GlueCatalog + S3FileIO), reached with the
 * credentials and region of the standard AWS provider chain. Kafka, Connect and PostgreSQL run locally as on the
 * embedded backend. Chosen with {@code -Paws} (or {@code -Dlab.backend=aws}); {@link #from(LabSettings)}
 * fails before anything starts when the bucket, the region or the credentials are missing.
 *
 * <p>Everything a run writes lives below {@code s3://<bucket>/<prefix>/<run id>/}; at close the run's Glue
 * tables and new namespaces and that prefix are removed, unless {@code -Dlab.keep=true}.
 */
public final class AwsBackend extends AbstractBackend {
    private static final Logger LOG = LoggerFactory.getLogger(AwsBackend.class);

    private final AwsSettings settings;
    private final AwsCredentials credentials;
    private final AwsCredentials workerCredentials;

    public AwsBackend(AwsSettings settings, AwsCredentials credentials) {
        this(settings, credentials, credentials);
    }

    private AwsBackend(AwsSettings settings, AwsCredentials credentials, AwsCredentials workerCredentials) {
        super("aws", "it runs one local Connect worker beside real AWS.");
        this.settings = settings;
        this.credentials = credentials;
        this.workerCredentials = workerCredentials;
    }

    /**
     * The same backend with other keys for the Connect worker (the sink) only, e.g. a short STS session; the lab's
     * own JVM (Spark, the clean-up) keeps {@link #credentials()}.
     */
    public AwsBackend withWorkerCredentials(AwsCredentials forTheWorker) {
        return new AwsBackend(settings, credentials, forTheWorker);
    }

    public AwsCredentials credentials() {
        return credentials;
    }

    /** Reads {@code -Dlab.aws.*}, the environment and the AWS provider chain; fails fast naming what is missing. */
    public static AwsBackend from(LabSettings labSettings) {
        AwsSettings settings = AwsSettings.from(labSettings, System.getenv(), AwsBackend::regionFromChain);
        // user.home is the JVM's fact, not a lab setting: where the AWS CLI keeps its files.
        AwsCredentials credentials = AwsCredentialCheck.resolve(System.getenv(),
                Path.of(System.getProperty("user.home")), DefaultCredentialsProvider.builder().build());
        return new AwsBackend(settings, credentials);
    }

    private static Optional<String> regionFromChain() {
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion().id());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    public AwsSettings settings() {
        return settings;
    }

    @Override
    public RunningTopology start(Topology topology) {
        StartupTimes times = new StartupTimes();
        RuntimeLayout layout = RuntimeLayout.locate(topology.labSettings());
        Path runDir = layout.home().resolve("target/cdc-lab/runs").resolve("aws-" + settings.runId());
        try {
            Files.createDirectories(runDir.resolve("logs"));
        } catch (IOException e) {
            throw new LabException("Cannot create the run folder " + runDir + ": " + e.getMessage(), e);
        }
        // The lab's JVM reads as the standard chain's identity, the worker holds the same (or an STS session).
        AwsApis apis = new AwsApis(Optional.empty(), settings.region(), DefaultCredentialsProvider.builder().build());
        var account = new GlueLakeTopology.Account("aws", apis, Optional.empty(), credentials, workerCredentials,
                Optional.empty(), Optional.empty(), GlueLakeTopology.passThrough(topology.labSettings()));
        return GlueLakeTopology.start(topology, settings, account, runDir, times);
    }
}
