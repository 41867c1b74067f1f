package io.cdclab.backend.containers;

import io.cdclab.connect.ConnectClient;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.topology.AbstractRunningTopology;
import io.cdclab.topology.Faults;
import io.cdclab.topology.Service;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The containers backend's running topology. The lab's JVM (tests, Spark) reaches every container through its host
 * port; the Connect container reaches PostgreSQL, Kafka and the lake's store by network alias. That split is
 * {@link #sourceForConnect()} and the catalog's {@code connectWorkerOverrides}. What the lake kind decides comes in
 * as {@link LakeParts}; a Glue lake's topology is {@link GlueLakeContainersTopology}.
 */
class ContainersTopology extends AbstractRunningTopology {
    private static final Logger LOG = LoggerFactory.getLogger(ContainersTopology.class);

    private final LabContainers containers;
    private final ContainersServices services;
    private final LabSecrets secrets;
    private final Path logs;
    private final LakeParts lake;
    private final ContainersFaults faults;
    /** The key pair the lab writes with now; credential faults replace it. */
    private volatile AwsCredentials s3Credentials;

    /**
     * What differs between a JDBC and a Glue lake on this backend.
     *
     * @param storeEndpoint   the lake's store (S3 or moto) as the lab's JVM reaches it: its fixed host port
     * @param prefix          where the lake's files live in the bucket
     * @param labCredentials  as whom the lab's JVM reads them
     * @param noKeyRevocation why the store's key pair cannot be revoked (F1/F2), where it cannot
     */
    record LakeParts(CatalogSpec catalog, URI storeEndpoint, String prefix, AwsCredentials labCredentials,
                     Optional<String> noKeyRevocation) {
    }

    /** A JDBC lake: Iceberg's JdbcCatalog in the PostgreSQL container, the files on the S3 container. */
    ContainersTopology(Topology topology, LabContainers containers, ContainersServices services, LabSecrets secrets,
                       Map<String, Duration> startupTimes, Path logs) {
        this(topology, containers, services, secrets, ContainersCatalog.jdbcLake(topology, containers, secrets),
                startupTimes, logs);
    }

    protected ContainersTopology(Topology topology, LabContainers containers, ContainersServices services,
                                 LabSecrets secrets, LakeParts lake, Map<String, Duration> startupTimes, Path logs) {
        super("containers", topology, startupTimes);
        this.containers = containers;
        this.services = services;
        this.secrets = secrets;
        this.logs = logs;
        this.lake = lake;
        this.s3Credentials = lake.labCredentials();
        this.faults = new ContainersFaults(this, containers, services, topology.region(), lake.noKeyRevocation());
        secrets.all(topology.lake()).forEach(this::rememberSecrets);
        containers.s3().secrets().forEach(this::rememberSecrets);
    }

    @Override
    public SourceDatabase source() {
        return new SourceDatabase(containers.postgres().getHost(), containers.postgres().getMappedPort(PostgresContainers.PORT),
                topology().sourceDatabase(), PostgresRoles.PIPELINE_ROLE, secrets.pipelinePassword());
    }

    @Override
    public SourceDatabase sourceForConnect() {
        return ContainersCatalog.sourceForConnect(topology(), secrets.pipelinePassword());
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
        return new ObjectStore(Optional.of(lake.storeEndpoint()), topology().region(), topology().bucket(),
                lake.prefix(), s3Credentials);
    }

    /** After a key rotation: the lab's own reader (Spark) uses the new pair from its next {@link #lake()} on. */
    void useS3Credentials(AwsCredentials next) {
        rememberSecrets(next.secretAccessKey());
        s3Credentials = next;
        reopenLake();
    }

    @Override
    public CatalogSpec catalog() {
        return lake.catalog();
    }

    @Override
    public Map<String, Service> services() {
        return services.asMap();
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public Optional<Path> logDirectory() {
        return Optional.of(logs);
    }

    @Override
    protected Map<String, String> moreEndpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("Kafka inside the network", NetworkAliases.kafkaBootstrapServers());
        e.put("Images", containers.images() + " (" + containers.imageSource().label() + ")");
        return e;
    }

    @Override
    public List<String> workerSecretVariables() {
        return LabSecrets.workerSecretVariables(topology().lake());
    }

    @Override
    protected void shutDown() {
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
