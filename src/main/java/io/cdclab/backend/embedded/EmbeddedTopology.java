package io.cdclab.backend.embedded;

import io.cdclab.connect.ConnectClient;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.servers.ConnectWorker;
import io.cdclab.servers.KafkaBroker;
import io.cdclab.servers.PostgresServer;
import io.cdclab.servers.S3ProxyServer;
import io.cdclab.servers.SchemaRegistryServer;
import io.cdclab.topology.AbstractRunningTopology;
import io.cdclab.topology.Faults;
import io.cdclab.topology.Service;
import io.cdclab.topology.ServiceStops;
import io.cdclab.topology.Topology;
import io.cdclab.util.Directories;
import io.cdclab.util.JavaHomes;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The embedded backend's running topology: four real servers on 127.0.0.1 and their run folder. */
final class EmbeddedTopology extends AbstractRunningTopology {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTopology.class);
    static final String POSTGRES_PASSWORD_VAR = "CDC_LAB_POSTGRES_PASSWORD";
    static final String CATALOG_PASSWORD_VAR = "CDC_LAB_CATALOG_PASSWORD";

    private final Path runDir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final ConnectWorker connect;
    private final List<ConnectWorker> workers;
    private final S3ProxyServer s3;
    private final SourceDatabase source;
    private final CatalogSpec catalog;
    private final EmbeddedFaults faults;
    private final SchemaRegistryServer registry;

    EmbeddedTopology(Topology topology, Path runDir, PostgresServer postgres, KafkaBroker kafka,
                     List<ConnectWorker> workers, S3ProxyServer s3, Secret pipelinePassword, Secret catalogPassword, AwsCredentials s3Credentials,
                     Map<String, Duration> startupTimes) {
        super("embedded", topology, startupTimes);
        this.runDir = runDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.connect = workers.get(0);
        this.workers = List.copyOf(workers);
        this.s3 = s3;
        this.source = new SourceDatabase(Ports.LOOPBACK, postgres.port(), topology.sourceDatabase(),
                PostgresRoles.PIPELINE_ROLE, pipelinePassword);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        props.put("uri", postgres.jdbcUrl(PostgresRoles.CATALOG_DATABASE));
        props.put("jdbc.user", PostgresRoles.CATALOG_ROLE);
        props.put("jdbc.schema-version", "V1");
        props.put("warehouse", objectStore().warehouse());
        props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        props.put("s3.endpoint", s3.endpoint().toString());
        props.put("s3.path-style-access", "true");
        props.put("client.region", topology.region());
        this.catalog = new CatalogSpec(topology.catalogName(), props,
                Map.of("jdbc.password", new CatalogSpec.SecretProperty(CATALOG_PASSWORD_VAR, catalogPassword)));
        rememberSecrets(pipelinePassword, catalogPassword, s3Credentials.secretAccessKey());
        this.faults = new EmbeddedFaults(this, this.workers);
        this.registry = new SchemaRegistryServer(RuntimeLayout.locate(topology.labSettings()), runDir);
    }

    @Override
    public boolean offersSchemaRegistry() {
        return JavaHomes.atLeast(SchemaRegistryServer.JAVA_FEATURE, labSettings()).isPresent();
    }

    /** Starts Apicurio Registry on the first Avro pipeline: most runs never need it. */
    @Override
    public String schemaRegistryUrl() {
        registry.start();
        return registry.v2Url();
    }

    /** The variables the seed passes to its Connect container for S3: the SDK's default chain reads them. */
    static Map<String, String> awsEnvironment(AwsCredentials credentials, String region) {
        return credentials.environment(region);
    }

    @Override
    public SourceDatabase source() {
        return source;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The first worker that runs: any worker of the cluster answers for all (it forwards to the leader). */
    @Override
    public ConnectClient connect() {
        return workers.stream().filter(ConnectWorker::isRunning).findFirst().orElse(connect).client();
    }

    @Override
    public ObjectStore objectStore() {
        return new ObjectStore(Optional.of(s3.endpoint()), topology().region(), topology().bucket(), "warehouse",
                s3.credentials());
    }

    @Override
    public CatalogSpec catalog() {
        return catalog;
    }

    @Override
    public Faults faults() {
        return faults;
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
        workers.forEach(worker -> services.put(worker.name(), worker));
        services.put(s3.name(), s3);
        if (registry.isRunning()) {
            services.put(registry.name(), registry);
        }
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
    public List<String> workerSecretVariables() {
        return List.of(POSTGRES_PASSWORD_VAR, CATALOG_PASSWORD_VAR, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Override
    protected void shutDown() {
        Timer timer = Timer.start();
        List<Service> order = new ArrayList<>(workers);
        order.addAll(List.of(registry, kafka, s3, postgres));
        ServiceStops.inOrder("embedded", order);
        if (!topology().labSettings().keep()) {
            deleteTree(runDir.resolve("data"));
            deleteTree(runDir.resolve("config"));
        }
        LOG.info("embedded: topology stopped in {}; logs kept in {}", timer.seconds(), runDir.resolve("logs"));
    }

    private static void deleteTree(Path dir) {
        try {
            Directories.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("embedded: could not delete {}: {}", dir, e.getMessage());
        }
    }
}
