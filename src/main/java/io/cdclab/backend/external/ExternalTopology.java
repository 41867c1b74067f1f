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
import java.util.ArrayList;
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
    /** What close removes, in this order. */
    private final List<CleanupStep> cleanup;

    /** One step of the clean-up at close; a failing step is logged, and the next one still runs. */
    private record CleanupStep(String what, Runnable removal) {
    }

    private ExternalTopology(Topology topology, ExternalSettings settings, ConnectClient connect,
                             List<CleanupStep> cleanup, Map<String, Duration> startupTimes) {
        super("external", topology, startupTimes);
        this.settings = settings;
        this.connect = connect;
        this.cleanup = List.copyOf(cleanup);
    }

    static ExternalTopology open(Topology topology, ExternalSettings settings) {
        Timer timer = Timer.start();
        ConnectClient connect = new ConnectClient(settings.connectUrl());
        // Order matters at close: connectors first (they hold the slots and the groups); then the sinks' consumer
        // groups, whose removal waits until the deleted connectors' consumers have left (a control-topic consumer
        // still polling would create its deleted topic again); then slots, publications, topics; then the catalog.
        List<RunLeftovers> leftovers = List.of(
                RunLeftovers.before(ClusterResources.connectors(connect), n -> n.endsWith("-source") || n.endsWith("-sink")),
                RunLeftovers.before(ClusterResources.consumerGroups(settings.bootstrapServers()),
                        ExternalTopology::isSinkGroup),
                RunLeftovers.before(ClusterResources.replicationSlots(settings.source()), n -> n.startsWith("cdc_")),
                RunLeftovers.before(ClusterResources.publications(settings.source()), n -> n.startsWith("cdc_")),
                RunLeftovers.before(ClusterResources.topics(settings.bootstrapServers()),
                        n -> n.startsWith("cdc_") || n.startsWith("iceberg-control-")).untilGoneFor(TOPICS_QUIET));
        List<CleanupStep> cleanup = new ArrayList<>();
        leftovers.forEach(l -> cleanup.add(new CleanupStep("removing this run's " + l.resources().kind() + "s",
                l::removeAll)));
        Catalog catalog = CatalogClient.open(settings.catalog(), settings.objectStore());
        if (catalog instanceof SupportsNamespaces) {
            cleanup.addAll(catalogCleanup((Catalog & SupportsNamespaces) catalog,
                    settings.catalog().properties().get("warehouse")));
        }
        return new ExternalTopology(topology, settings, connect, cleanup, Map.of("total", timer.elapsed()));
    }

    /**
     * A sink connector's group ({@code connect-<id>-sink}), its Iceberg coordinator's ({@code ...-coord}), or one
     * of the Iceberg sink's control-topic consumers ({@code cg-control-<uuid>}, one per task start).
     */
    static boolean isSinkGroup(String group) {
        return group.startsWith("cg-control-")
                || group.startsWith("connect-") && (group.endsWith("-sink") || group.endsWith("-sink-coord"));
    }

    /**
     * The catalog's namespaces and tables as they are now; at close, the ones that appeared since: the nested
     * namespaces first (a namespace holding another cannot be dropped), then the pipelines' own.
     */
    private static <C extends Catalog & SupportsNamespaces> List<CleanupStep> catalogCleanup(C catalog,
                                                                                            String warehouse) {
        CatalogLeftovers pipelineNamespaces = CatalogLeftovers.before(catalog, warehouse);
        CatalogLeftovers nested = CatalogLeftovers.nestedBefore(catalog, warehouse);
        return List.of(new CleanupStep("clean-up of nested namespaces", () -> nested.remove(catalog)),
                new CleanupStep("catalog clean-up", () -> pipelineNamespaces.remove(catalog)));
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
    protected void shutDown() {
        if (topology().labSettings().keep()) {
            LOG.info("external: -Dlab.keep=true: this run's connectors, slots, topics and tables are kept");
            return;
        }
        for (CleanupStep step : cleanup) {
            try {
                step.removal().run();
            } catch (RuntimeException e) {
                LOG.warn("external: {} failed: {}", step.what(), e.toString());
            }
        }
    }
}
