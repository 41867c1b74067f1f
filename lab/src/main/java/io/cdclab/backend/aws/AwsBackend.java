package io.cdclab.backend.aws;

import io.cdclab.backend.embedded.RuntimeLayout;
import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.Backend;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lake on real AWS: S3 for the files and Glue as the Iceberg catalog (GlueCatalog + S3FileIO), reached with the
 * credentials and region of the standard AWS provider chain. Kafka, Connect and PostgreSQL run locally as on the
 * embedded backend. Chosen with {@code -Paws} (or {@code -Dlab.backend=aws}); {@link #fromSystemProperties()}
 * fails before anything starts when the bucket, the region or the credentials are missing.
 *
 * <p>Everything a run writes lives below {@code s3://<bucket>/<prefix>/<run id>/}; at close the run's Glue
 * tables and new namespaces and that prefix are removed, unless {@code -Dlab.keep=true}.
 */
public final class AwsBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(AwsBackend.class);

    private final AwsSettings settings;
    private final AwsCredentials credentials;

    public AwsBackend(AwsSettings settings, AwsCredentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    /** Reads {@code -Dlab.aws.*}, the environment and the AWS provider chain; fails fast naming what is missing. */
    public static AwsBackend fromSystemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
        AwsSettings settings = AwsSettings.from(properties, System.getenv(), AwsBackend::regionFromChain);
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
    public String name() {
        return "aws";
    }

    @Override
    public RunningTopology start(Topology topology) {
        Timer total = Timer.start();
        RuntimeLayout layout = RuntimeLayout.locate();
        Path runDir = layout.home().resolve("target/cdc-lab/runs").resolve("aws-" + settings.runId());
        try {
            Files.createDirectories(runDir.resolve("logs"));
        } catch (IOException e) {
            throw new io.cdclab.topology.LabException("Cannot create the run folder " + runDir + ": " + e.getMessage(), e);
        }
        LOG.info("aws: starting {} with the lake at {} (Glue, region {}, access key {})", topology, settings.warehouse(),
                settings.region(), credentials.accessKeyId());
        var catalog = GlueLake.catalogSpec(topology, settings);
        GlueCatalog glue = GlueLake.openCatalog(catalog);
        CatalogLeftovers leftovers = CatalogLeftovers.before(glue, settings.warehouse());

        Map<String, Duration> times = new ConcurrentHashMap<>();
        var pipelinePassword = io.cdclab.topology.Secret.random(12);
        LocalServices local = LocalServices.start(layout, runDir, topology.kafkaPartitions(), topology.sourceDatabase(),
                pipelinePassword, awsEnvironment(credentials, settings.region()), times);
        times.put("total", total.elapsed());
        LOG.info("aws: topology ready in {} ({})", total.seconds(), times);
        return new AwsTopology(topology, settings, credentials, catalog, local, pipelinePassword, times, runDir,
                new AwsCleanup(settings, glue, leftovers));
    }

    /** What the Connect worker's SDK (S3FileIO, the Glue client) reads from its environment. */
    static Map<String, String> awsEnvironment(AwsCredentials credentials, String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey().reveal());
        credentials.sessionToken().ifPresent(t -> env.put("AWS_SESSION_TOKEN", t.reveal()));
        env.put("AWS_REGION", region);
        return env;
    }
}
