package io.cdclab.backend.external;

import io.cdclab.connect.ConnectClient;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.gluelake.CatalogLeftovers;
import io.cdclab.topology.AbstractRunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running topology on an existing cluster. Notes at open what exists (connectors, topics, slots, publications,
 * catalog tables) and removes at close only what appeared since and carries the lab's names; with
 * {@code -Dlab.keep=true} it removes nothing.
 */
final class ExternalTopology extends AbstractRunningTopology {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalTopology.class);
    /** Topics must stay deleted this long: a stopping task can still auto-create its topic after the delete. */
    private static final Duration TOPICS_QUIET = Duration.ofSeconds(2);

    private final ExternalSettings settings;
    private final ConnectClient connect;
    private final List<RunLeftovers> leftovers;
    private final Catalog catalogClient;
    private final CatalogLeftovers catalogLeftovers;
    private final CatalogLeftovers nestedLeftovers;

    private ExternalTopology(Topology topology, ExternalSettings settings, ConnectClient connect,
                             List<RunLeftovers> leftovers, Catalog catalogClient, CatalogLeftovers catalogLeftovers,
                             CatalogLeftovers nestedLeftovers, Map<String, Duration> startupTimes) {
        super("external", topology, startupTimes);
        this.settings = settings;
        this.connect = connect;
        this.leftovers = leftovers;
        this.catalogClient = catalogClient;
        this.catalogLeftovers = catalogLeftovers;
        this.nestedLeftovers = nestedLeftovers;
    }

    static ExternalTopology open(Topology topology, ExternalSettings settings) {
        Timer timer = Timer.start();
        ConnectClient connect = new ConnectClient(settings.connectUrl());
        // Order matters at close: connectors first (they hold the slots and the groups); then the sinks' consumer
        // groups, whose removal waits until the deleted connectors' consumers have left (a control-topic consumer
        // still polling would create its deleted topic again); then slots, publications, topics.
        List<RunLeftovers> leftovers = List.of(
                RunLeftovers.before(ClusterResources.connectors(connect), n -> n.endsWith("-source") || n.endsWith("-sink")),
                RunLeftovers.before(ClusterResources.consumerGroups(settings.bootstrapServers()),
                        ExternalTopology::isSinkGroup),
                RunLeftovers.before(ClusterResources.replicationSlots(settings.source()), n -> n.startsWith("cdc_")),
                RunLeftovers.before(ClusterResources.publications(settings.source()), n -> n.startsWith("cdc_")),
                RunLeftovers.before(ClusterResources.topics(settings.bootstrapServers()),
                        n -> n.startsWith("cdc_") || n.startsWith("iceberg-control-")).untilGoneFor(TOPICS_QUIET));
        Catalog catalog = CatalogClient.open(settings.catalog(), settings.objectStore());
        CatalogLeftovers catalogLeftovers = catalog instanceof SupportsNamespaces
                ? before(catalog, settings.catalog().properties().get("warehouse")) : null;
        CatalogLeftovers nested = catalog instanceof SupportsNamespaces
                ? nestedBefore(catalog, settings.catalog().properties().get("warehouse")) : null;
        return new ExternalTopology(topology, settings, connect, leftovers, catalog, catalogLeftovers, nested,
                Map.of("total", timer.elapsed()));
    }

    /**
     * A sink connector's group ({@code connect-<id>-sink}), its Iceberg coordinator's ({@code ...-coord}), or one
     * of the Iceberg sink's control-topic consumers ({@code cg-control-<uuid>}, one per task start).
     */
    static boolean isSinkGroup(String group) {
        return group.startsWith("cg-control-")
                || group.startsWith("connect-") && (group.endsWith("-sink") || group.endsWith("-sink-coord"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CatalogLeftovers nestedBefore(Catalog catalog, String warehouse) {
        return CatalogLeftovers.nestedBefore((Catalog & SupportsNamespaces) catalog, warehouse);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CatalogLeftovers before(Catalog catalog, String warehouse) {
        return CatalogLeftovers.before((Catalog & SupportsNamespaces) catalog, warehouse);
    }

    @Override
    public SourceDatabase source() {
        return settings.source();
    }

    @Override
    public SourceDatabase sourceForConnect() {
        return settings.sourceForConnect();
    }

    @Override
    public String kafkaBootstrapServers() {
        return settings.bootstrapServers();
    }

    @Override
    public ConnectClient connect() {
        return connect;
    }

    @Override
    public ObjectStore objectStore() {
        return settings.objectStore();
    }

    @Override
    public CatalogSpec catalog() {
        return settings.catalog();
    }

    @Override
    public Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("postgres", new ExternalService("postgres", settings.source().jdbcUrl()));
        services.put("kafka", new ExternalService("kafka", settings.bootstrapServers()));
        services.put("connect", new ExternalService("connect", settings.connectUrl().toString()));
        services.put("s3", new ExternalService("s3", settings.objectStore().warehouse()));
        return services;
    }

    @Override
    public List<String> workerSecretVariables() {
        return List.of(ExternalSettings.POSTGRES_PASSWORD_VAR, ExternalSettings.CATALOG_PASSWORD_VAR,
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void shutDown() {
        if (topology().labSettings().keep()) {
            LOG.info("external: -Dlab.keep=true: this run's connectors, slots, topics and tables are kept");
            return;
        }
        for (RunLeftovers l : leftovers) {
            try {
                l.removeAll();
            } catch (RuntimeException e) {
                LOG.warn("external: clean-up step failed: {}", e.toString());
            }
        }
        if (nestedLeftovers != null) {
            try {
                nestedLeftovers.remove((Catalog & SupportsNamespaces) catalogClient);
            } catch (RuntimeException e) {
                LOG.warn("external: clean-up of nested namespaces failed: {}", e.toString());
            }
        }
        if (catalogLeftovers != null) {
            try {
                catalogLeftovers.remove((Catalog & SupportsNamespaces) catalogClient);
            } catch (RuntimeException e) {
                LOG.warn("external: catalog clean-up failed: {}", e.toString());
            }
        }
    }
}
