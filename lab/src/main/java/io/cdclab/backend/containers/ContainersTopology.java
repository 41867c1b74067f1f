package io.cdclab.backend.containers;

import io.cdclab.connect.ConnectClient;
import io.cdclab.lake.Lake;
import io.cdclab.topology.CatalogSpec;
import io.cdclab.topology.ObjectStore;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.topology.SourceDatabase;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The containers backend's running topology. The lab's JVM (tests, Spark) reaches every container through its host
 * port; the Connect container reaches PostgreSQL, Kafka and S3 by network alias. That split is
 * {@link #sourceForConnect()} and the catalog's {@code connectWorkerOverrides}.
 */
final class ContainersTopology implements RunningTopology {
    private static final Logger LOG = LoggerFactory.getLogger(ContainersTopology.class);

    private final Topology topology;
    private final LabContainers containers;
    private final ContainersServices services;
    private final LabSecrets secrets;
    private final Map<String, Duration> startupTimes;
    private final Path logs;
    private final CatalogSpec catalog;
    private Lake lake;
    private boolean closed;

    ContainersTopology(Topology topology, LabContainers containers, ContainersServices services, LabSecrets secrets,
                       Map<String, Duration> startupTimes, Path logs) {
        this.topology = topology;
        this.containers = containers;
        this.services = services;
        this.secrets = secrets;
        this.startupTimes = Map.copyOf(startupTimes);
        this.logs = logs;
        this.catalog = ContainersCatalog.spec(topology, PostgresSetup.jdbcUrl(containers.postgres(), PostgresSetup.CATALOG_DATABASE),
                containers.s3().hostEndpoint(), secrets.catalogPassword());
    }

    @Override
    public String backend() {
        return "containers";
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public SourceDatabase source() {
        return new SourceDatabase(containers.postgres().getHost(), containers.postgres().getMappedPort(PostgresContainers.PORT),
                topology.sourceDatabase(), PostgresSetup.PIPELINE_ROLE, secrets.pipelinePassword());
    }

    @Override
    public SourceDatabase sourceForConnect() {
        return ContainersCatalog.sourceForConnect(topology, secrets.pipelinePassword());
    }

    @Override
    public String kafkaBootstrapServers() {
        return containers.kafka().getBootstrapServers();
    }

    @Override
    public ConnectClient connect() {
        return containers.connect().client();
    }

    @Override
    public ObjectStore objectStore() {
        return new ObjectStore(Optional.of(containers.s3().hostEndpoint()), topology.region(), topology.bucket(),
                ContainersCatalog.WAREHOUSE_PREFIX, secrets.s3Credentials());
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
        return services.asMap();
    }

    @Override
    public Map<String, Duration> startupTimes() {
        return startupTimes;
    }

    @Override
    public Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PostgreSQL JDBC URL", source().jdbcUrl() + " (user " + PostgresSetup.PIPELINE_ROLE + ")");
        e.put("Kafka bootstrap servers", kafkaBootstrapServers() + " (containers: " + NetworkAliases.kafkaBootstrapServers() + ")");
        e.put("Kafka Connect REST", containers.connect().restUri().toString());
        e.put("S3 endpoint", containers.s3().hostEndpoint() + " (bucket " + topology.bucket() + ", path-style, region "
                + topology.region() + ", access key " + secrets.s3Credentials().accessKeyId() + ")");
        e.put("Iceberg catalog", catalog.name() + ": JdbcCatalog at " + catalog.properties().get("uri") + ", warehouse "
                + catalog.properties().get("warehouse"));
        e.put("Images", ContainerImages.byService().toString());
        e.put("Container logs", logs.toString());
        return e;
    }

    @Override
    public List<String> workerSecretVariables() {
        return LabSecrets.workerSecretVariables();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Timer timer = Timer.start();
        services.removeAll();
        try {
            containers.network().close();
        } catch (RuntimeException e) {
            LOG.warn("containers: removing the network failed: {}", e.toString());
        }
        LOG.info("containers: topology removed in {}; container logs kept in {}", timer.seconds(), logs);
    }
}
