package io.cdclab.backend.aws;

import io.cdclab.connect.ConnectClient;
import io.cdclab.lake.Lake;
import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.CatalogSpec;
import io.cdclab.topology.ObjectStore;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Secret;
import io.cdclab.topology.Service;
import io.cdclab.topology.SourceDatabase;
import io.cdclab.topology.Topology;
import io.cdclab.util.Ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The aws backend's running topology: local PostgreSQL, Kafka and Connect; the lake in S3 and Glue. */
final class AwsTopology implements RunningTopology {
    private final Topology topology;
    private final AwsSettings settings;
    private final AwsCredentials credentials;
    private final CatalogSpec catalog;
    private final LocalServices local;
    private final SourceDatabase source;
    private final Map<String, Duration> startupTimes;
    private final Path runDir;
    private final AwsCleanup cleanup;
    private Lake lake;
    private boolean closed;

    AwsTopology(Topology topology, AwsSettings settings, AwsCredentials credentials, CatalogSpec catalog,
                LocalServices local, Secret pipelinePassword, Map<String, Duration> startupTimes, Path runDir,
                AwsCleanup cleanup) {
        this.topology = topology;
        this.settings = settings;
        this.credentials = credentials;
        this.catalog = catalog;
        this.local = local;
        this.source = new SourceDatabase(Ports.LOOPBACK, local.postgres.port(), topology.sourceDatabase(),
                LocalServices.PIPELINE_ROLE, pipelinePassword);
        this.startupTimes = Map.copyOf(startupTimes);
        this.runDir = runDir;
        this.cleanup = cleanup;
    }

    @Override
    public String backend() {
        return "aws";
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public SourceDatabase source() {
        return source;
    }

    @Override
    public String kafkaBootstrapServers() {
        return local.kafka.bootstrapServers();
    }

    @Override
    public ConnectClient connect() {
        return local.connect.client();
    }

    @Override
    public ObjectStore objectStore() {
        return new ObjectStore(Optional.empty(), settings.region(), settings.bucket(), settings.runPrefix(), credentials);
    }

    @Override
    public CatalogSpec catalog() {
        return catalog;
    }

    @Override
    public synchronized Lake lake() {
        if (lake == null) {
            lake = Lake.open(catalog, objectStore());
        }
        return lake;
    }

    @Override
    public Map<String, Service> services() {
        return local.asMap();
    }

    @Override
    public Map<String, Duration> startupTimes() {
        return startupTimes;
    }

    @Override
    public Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PostgreSQL JDBC URL", source.jdbcUrl() + " (user " + source.user() + ")");
        e.put("Kafka bootstrap servers", kafkaBootstrapServers());
        e.put("Kafka Connect REST", local.connect.restUri().toString());
        e.put("S3", settings.warehouse() + " (region " + settings.region() + ", access key " + credentials.accessKeyId() + ")");
        e.put("Iceberg catalog", catalog.name() + ": AWS Glue in " + settings.region() + ", warehouse " + settings.warehouse());
        e.put("Clean-up", settings.keep() ? "kept (-Dlab.keep=true)" : "the run's Glue tables and S3 prefix are removed at close");
        e.put("Run folder (logs)", runDir.toString());
        return e;
    }

    @Override
    public List<String> workerSecretVariables() {
        return List.of(LocalServices.POSTGRES_PASSWORD_VAR, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        local.stop();
        cleanup.run();
    }
}
