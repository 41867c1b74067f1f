package io.cdclab.backend.embedded;

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
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The embedded backend's running topology: four real servers on 127.0.0.1 and their run folder. */
final class EmbeddedTopology implements RunningTopology {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTopology.class);
    static final String POSTGRES_PASSWORD_VAR = "CDC_LAB_POSTGRES_PASSWORD";
    static final String CATALOG_PASSWORD_VAR = "CDC_LAB_CATALOG_PASSWORD";

    private final Topology topology;
    private final Path runDir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final ConnectWorker connect;
    private final S3ProxyServer s3;
    private final SourceDatabase source;
    private final CatalogSpec catalog;
    private final Map<String, Duration> startupTimes;
    private final List<Secret> secretsInUse = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EmbeddedFaults faults;
    private Lake lake;
    private boolean closed;

    EmbeddedTopology(Topology topology, Path runDir, PostgresServer postgres, KafkaBroker kafka, ConnectWorker connect,
                     S3ProxyServer s3, Secret pipelinePassword, Secret catalogPassword, AwsCredentials s3Credentials,
                     Map<String, Duration> startupTimes) {
        this.topology = topology;
        this.runDir = runDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.connect = connect;
        this.s3 = s3;
        this.startupTimes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(startupTimes));
        this.source = new SourceDatabase(Ports.LOOPBACK, postgres.port(), topology.sourceDatabase(),
                EmbeddedBackend.PIPELINE_ROLE, pipelinePassword);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        props.put("uri", postgres.jdbcUrl(EmbeddedBackend.CATALOG_DATABASE));
        props.put("jdbc.user", EmbeddedBackend.CATALOG_ROLE);
        props.put("jdbc.schema-version", "V1");
        props.put("warehouse", objectStore().warehouse());
        props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        props.put("s3.endpoint", s3.endpoint().toString());
        props.put("s3.path-style-access", "true");
        props.put("client.region", topology.region());
        this.catalog = new CatalogSpec(topology.catalogName(), props,
                Map.of("jdbc.password", new CatalogSpec.SecretProperty(CATALOG_PASSWORD_VAR, catalogPassword)));
        this.secretsInUse.addAll(List.of(pipelinePassword, catalogPassword, s3Credentials.secretAccessKey()));
        this.faults = new EmbeddedFaults(this, s3, connect, topology.region());
    }

    /** The variables the seed passes to its Connect container for S3: the SDK's default chain reads them. */
    static Map<String, String> awsEnvironment(AwsCredentials credentials, String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey().reveal());
        credentials.sessionToken().ifPresent(t -> env.put("AWS_SESSION_TOKEN", t.reveal()));
        env.put("AWS_REGION", region);
        return env;
    }

    @Override
    public String backend() {
        return "embedded";
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
        return kafka.bootstrapServers();
    }

    @Override
    public ConnectClient connect() {
        return connect.client();
    }

    @Override
    public ObjectStore objectStore() {
        return new ObjectStore(Optional.of(s3.endpoint()), topology.region(), topology.bucket(), "warehouse",
                s3.credentials());
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

    /** The next {@link #lake()} opens a new Spark session: a Spark catalog keeps the clients it was built with. */
    synchronized void reopenLake() {
        lake = null;
    }

    void remember(Secret secret) {
        secretsInUse.add(secret);
    }

    @Override
    public io.cdclab.topology.Faults faults() {
        return faults;
    }

    @Override
    public List<Secret> secretsInUse() {
        return List.copyOf(secretsInUse);
    }

    @Override
    public Optional<Path> logDirectory() {
        return Optional.of(runDir.resolve("logs"));
    }

    @Override
    public Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(postgres.name(), postgres);
        services.put(kafka.name(), kafka);
        services.put(connect.name(), connect);
        services.put(s3.name(), s3);
        return services;
    }

    /** The Connect worker, for the runbook's "restart it with new AWS variables". */
    public ConnectWorker connectWorker() {
        return connect;
    }

    public S3ProxyServer objectStoreServer() {
        return s3;
    }

    public Path runDir() {
        return runDir;
    }

    @Override
    public Map<String, Duration> startupTimes() {
        return startupTimes;
    }

    @Override
    public Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PostgreSQL JDBC URL", source.jdbcUrl() + " (user " + source.user() + ")");
        e.put("Kafka bootstrap servers", kafka.bootstrapServers());
        e.put("Kafka Connect REST", connect.restUri().toString());
        e.put("S3 endpoint", s3.endpoint() + " (bucket " + topology.bucket() + ", path-style, region " + topology.region()
                + ", access key " + s3.credentials().accessKeyId() + ")");
        e.put("Iceberg catalog", catalog.name() + ": JdbcCatalog at " + catalog.properties().get("uri") + ", warehouse "
                + catalog.properties().get("warehouse"));
        e.put("Run folder (logs)", runDir.toString());
        return e;
    }

    @Override
    public List<String> workerSecretVariables() {
        return List.of(POSTGRES_PASSWORD_VAR, CATALOG_PASSWORD_VAR, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Timer timer = Timer.start();
        for (Service service : List.of(connect, kafka, s3, postgres)) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                LOG.warn("embedded: stopping {} failed: {}", service.name(), e.toString());
            }
        }
        if (!Boolean.getBoolean("lab.keep")) {
            deleteTree(runDir.resolve("data"));
            deleteTree(runDir.resolve("config"));
        }
        LOG.info("embedded: topology stopped in {}; logs kept in {}", timer.seconds(), runDir.resolve("logs"));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("embedded: could not delete {}: {}", dir, e.getMessage());
        }
    }
}
