package io.cdclab.pipeline;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorConfig;
import io.cdclab.connect.ConnectorFixture;
import io.cdclab.connect.Converter;
import io.cdclab.connect.IcebergCoordinatorOffsets;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.PipelineProfile;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One capture pipeline on a running topology (its {@link PipelineHost}): a Debezium source connector for some
 * tables and an Iceberg sink connector for their topics, both from connector fixtures. Each pipeline has an id
 * that keeps its connectors, replication slot, publication, topics and Iceberg namespace apart from every other
 * pipeline's, so tests can share one topology.
 *
 * <p>Names derived from id {@code k1}: connectors {@code k1-source} and {@code k1-sink}, slot and publication
 * {@code cdc_k1}, topics {@code cdc_k1.<schema>.<table>}; the lab's sink fixtures route them to Iceberg tables
 * {@code <catalog>.cdc_k1.<table>}, and a team's sink config wherever it routes them ({@link #icebergTable}).
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineHost host;
    private final String id;
    private final ConnectorConfig source;
    private final ConnectorConfig sink;
    private final Converter converter;
    /** Iceberg tables named by hand ({@link Builder#icebergTable}), by {@code schema.table}. */
    private final Map<String, String> namedTables;
    /** How many of the catalog's tables a "cannot tell" message lists. */
    private static final int LISTED_TABLES = 40;

    private Pipeline(PipelineHost host, String id, ConnectorConfig source, ConnectorConfig sink, Converter converter,
                     Map<String, String> namedTables) {
        this.host = host;
        this.id = id;
        this.source = source;
        this.sink = sink;
        this.converter = converter;
        this.namedTables = Map.copyOf(namedTables);
    }

    /** The converter the lab set on both connectors, or null where the fixtures' own settings stand. */
    public Converter converter() {
        return converter;
    }

    public static Builder builder(PipelineHost host, String id) {
        return new Builder(host, id);
    }

    public String id() {
        return id;
    }

    public ConnectorConfig source() {
        return source;
    }

    /** The sink's config, or null for a pipeline built {@link Builder#withoutSink() without sink}. */
    public ConnectorConfig sink() {
        return sink;
    }

    /** Debezium's topic prefix, also the replication slot, publication and Iceberg namespace. */
    public String prefix() {
        return prefixFor(id);
    }

    /** The Kafka topic of {@code schema.table}, e.g. {@code cdc_k1.public.customers}. */
    public String topic(String qualifiedTable) {
        return prefix() + "." + qualified(qualifiedTable);
    }

    /**
     * The Iceberg table the sink writes {@code schema.table}'s change events to, as Spark SQL names it
     * ({@code <catalog>.<namespace>.<table>}, the namespace of one level or more): the name given by hand with
     * {@link Builder#icebergTable}, else where the sink's own config routes the table ({@link IcebergTableRoute}:
     * {@code iceberg.tables}, or the route field and whatever fills it). Where the config cannot tell, fails
     * naming why, the tables the catalog holds, and how to name the table by hand.
     */
    public String icebergTable(String qualifiedTable) {
        String table = qualified(qualifiedTable);
        // The lake's Spark catalog is named after the catalog spec; no need to open Spark for a name.
        String catalog = host.catalog().name();
        String named = namedTables.get(table);
        if (named != null) {
            return sparkName(catalog, named);
        }
        if (sink == null) {
            // No sink writes it: where the lab's fixtures would, for scenarios that read Kafka only.
            return catalog + "." + prefix() + "." + table.substring(table.indexOf('.') + 1);
        }
        IcebergTableRoute route = IcebergTableRoute.of(source, sink, table);
        return route.table().map(t -> sparkName(catalog, t)).orElseThrow(() -> route.cannotTell(id, sink.name(), table,
                catalog, () -> host.catalogTables(LISTED_TABLES), LISTED_TABLES));
    }

    /** {@code catalog.a.b.t}, with backticks round a part Spark SQL would not parse bare. */
    private static String sparkName(String catalog, String icebergName) {
        StringBuilder name = new StringBuilder(catalog);
        for (String part : icebergName.split("\\.")) {
            name.append('.').append(part.matches("[A-Za-z_][A-Za-z0-9_]*") ? part : "`" + part.replace("`", "``") + "`");
        }
        return name.toString();
    }

    private static String qualified(String table) {
        return table.contains(".") ? table : "public." + table;
    }

    static String prefixFor(String id) {
        return "cdc_" + id.replace('-', '_');
    }

    /**
     * What the sink's consumer group holds now ({@link SinkConsumerFacts}): members, assigned partitions, the
     * topics its subscription matches, and, where a regex subscription has nothing assigned although topics match,
     * the metadata refresh it waits for and the fix. For a wait on the lake that timed out.
     */
    public String sinkConsumerFacts() {
        return sink == null ? "The pipeline has no sink." : SinkConsumerFacts.describe(host.kafkaBootstrapServers(), sink);
    }

    /** {@code lakeTimeout} (a wait for rows in the lake that timed out) with {@link #sinkConsumerFacts()} added. */
    public LabException withSinkFacts(LabException lakeTimeout) {
        return new LabException(lakeTimeout.getMessage() + " " + sinkConsumerFacts(), lakeTimeout);
    }

    /** Removes both connectors (the slot stays, as it does in production when a connector is deleted). */
    public void delete() {
        ConnectClient connect = host.connect();
        connect.delete(source.name());
        if (sink != null) {
            connect.delete(sink.name());
        }
    }

    /** Describes the pipeline; {@link #start()} registers the connectors and waits until both run. */
    public static final class Builder {
        private final PipelineHost host;
        private final String id;
        private final List<String> tables = new ArrayList<>();
        private ConnectorFixture sourceFixture = ConnectorFixture.builtIn("debezium-postgres");
        private ConnectorFixture sinkFixture = ConnectorFixture.builtIn("iceberg-sink");
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> sourceOverrides = new LinkedHashMap<>();
        private final Map<String, String> sinkOverrides = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(90);
        private boolean withSink = true;
        private boolean seedCoordinatorOffsets = true;
        private final List<String> sinkRemovals = new ArrayList<>();
        private final Map<String, String> namedTables = new LinkedHashMap<>();
        private Converter converter;
        private PipelineProfile profile;

        private Builder(PipelineHost host, String id) {
            if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,40}")) {
                throw new LabException("Pipeline id '" + id + "' must be 1-41 lower-case letters, digits, '-' or '_'"
                        + " (it names connectors, a replication slot and topics).");
            }
            this.host = host;
            this.id = id;
            // Every pipeline of a run starts from the run's -Dlab.converter and -Dlab.profile.
            this.converter = Converter.from(host.labSettings());
            this.profile = PipelineProfile.from(host.labSettings());
        }

        /** Tables to capture, as {@code schema.table} (or {@code table} for schema public). */
        public Builder tables(String... qualifiedTables) {
            for (String table : qualifiedTables) {
                tables.add(qualified(table));
            }
            return this;
        }

        /**
         * Names by hand the Iceberg table {@code schema.table} lands in, {@code namespace.table} as the sink writes
         * it (without the catalog), for a sink whose config does not say: routing by a column's value, or a
         * transform the lab does not read. {@link Pipeline#icebergTable} then returns it.
         */
        public Builder icebergTable(String qualifiedTable, String namespaceAndTable) {
            if (namespaceAndTable == null || !namespaceAndTable.matches("[^.]+(\\.[^.]+)+")) {
                throw new LabException("icebergTable(\"" + qualifiedTable + "\", \"" + namespaceAndTable + "\"): name "
                        + "the Iceberg table as <namespace>.<table> (the namespace may have more levels), without the catalog.");
            }
            namedTables.put(qualified(qualifiedTable), namespaceAndTable);
            return this;
        }

        /** Uses the team's own Debezium config instead of the lab's fixture. */
        public Builder sourceFixture(ConnectorFixture fixture) {
            this.sourceFixture = fixture;
            return this;
        }

        /** Uses the team's own Iceberg sink config instead of the lab's fixture. */
        public Builder sinkFixture(ConnectorFixture fixture) {
            this.sinkFixture = fixture;
            return this;
        }

        /** Sets a {@code {{placeholder}}} value for both fixtures. */
        public Builder set(String placeholder, String value) {
            values.put(placeholder, value);
            return this;
        }

        /** Sets a config key of the source connector after the fixture is rendered. */
        public Builder sourceConfig(String key, String value) {
            sourceOverrides.put(key, value);
            return this;
        }

        /** Sets a config key of the sink connector after the fixture is rendered. */
        public Builder sinkConfig(String key, String value) {
            sinkOverrides.put(key, value);
            return this;
        }

        /**
         * Leaves the Iceberg sink's control topic and coordinator offsets as the sink itself would (auto-created,
         * no offsets): the sink can then lose rows after a worker crash; see {@link IcebergCoordinatorOffsets}.
         * By default the lab commits a start offset for every control partition before the sink starts.
         */
        public Builder withoutCoordinatorOffsetSeeding() {
            this.seedCoordinatorOffsets = false;
            return this;
        }

        /** Removes a config key from the sink connector (e.g. the backend's static S3 keys). */
        public Builder withoutSinkConfig(String key) {
            sinkRemovals.add(key);
            return this;
        }

        /** Registers only the source connector: for scenarios about Kafka alone (saves a sink's CPU). */
        public Builder withoutSink() {
            this.withSink = false;
            return this;
        }

        /**
         * The converter of both connectors, keys and values ({@code -Dlab.converter} sets it for every pipeline);
         * null keeps what the fixtures say.
         */
        public Builder converter(Converter converter) {
            this.converter = converter;
            return this;
        }

        /** The converter in effect: the one set (or {@code -Dlab.converter}), else the profile's, else null. */
        public Converter converter() {
            return converter != null ? converter : profile.converter();
        }

        /**
         * A throughput profile ({@code -Dlab.profile} sets it for every pipeline): its converter unless one is set,
         * and its connector settings under the builder's own {@code sourceConfig}/{@code sinkConfig} overrides.
         */
        public Builder profile(PipelineProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        public PipelineProfile profile() {
            return profile;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The rendered source config, without registering anything. */
        public ConnectorConfig sourceConfig() {
            ConnectorConfig source = sourceFixture.render(placeholderValues(id + "-source"));
            Converter converter = converter();
            if (converter != null) {
                source = source.with(converter.connectorSettings(registryUrl()));
                if (converter == Converter.JSON_SCHEMALESS && withSink) {
                    source = SchemalessSteps.withEnvelopeStep(source, renderedSink());
                }
            }
            return source.with(profile.sourceSettings()).with(profileSettings(RecoveryProfile.sourceSettings()))
                    .with(host.exactlyOnce() ? ExactlyOnceProfile.sourceSettings() : Map.of())
                    .with(sourceOverrides);
        }

        private ConnectorConfig renderedSink() {
            return sinkFixture.render(placeholderValues(id + "-sink"));
        }

        private String registryUrl() {
            return converter().needsRegistry() ? host.schemaRegistryUrl() : null;
        }

        /** The rendered sink config (with the backend's catalog settings), without registering anything. */
        public ConnectorConfig sinkConfig() {
            ConnectorConfig sink = renderedSink().with(host.catalog().sinkConnectorProperties());
            Converter converter = converter();
            if (converter != null) {
                sink = sink.with(converter.connectorSettings(registryUrl()));
                if (converter == Converter.JSON_SCHEMALESS) {
                    sink = SchemalessSteps.withoutEnvelopeStep(sink);
                }
            }
            sink = sink.with(profile.sinkSettings()).with(profileSettings(RecoveryProfile.sinkSettings()))
                    .with(sinkOverrides);
            for (String key : sinkRemovals) {
                sink = sink.without(key);
            }
            return sink;
        }

        /** The recovery profile's settings for one connector where the topology runs it; the fixture's otherwise. */
        private Map<String, String> profileSettings(Map<String, String> settings) {
            return host.settingsProfile() == SettingsProfile.RECOVERY ? settings : Map.of();
        }

        private Map<String, String> placeholderValues(String connectorName) {
            if (tables.isEmpty()) {
                throw new LabException("Pipeline " + id + " captures no tables: call tables(\"public.my_table\") first.");
            }
            String prefix = prefixFor(id);
            Map<String, String> v = new LinkedHashMap<>();
            v.put("connector.name", connectorName);
            SourceDatabase database = host.sourceForConnect();
            v.put("postgres.host", database.host());
            v.put("postgres.port", Integer.toString(database.port()));
            v.put("postgres.database", database.database());
            v.put("postgres.user", database.user());
            v.put("topic.prefix", prefix);
            v.put("table.include.list", String.join(",", tables));
            v.put("slot.name", prefix);
            v.put("publication.name", prefix);
            v.put("kafka.partitions", Integer.toString(host.kafkaPartitions()));
            v.put("topics.regex", prefix + "\\..*"); // every table topic of this pipeline: cdc_<id>\..*
            v.put("iceberg.namespace", prefix);
            v.put("iceberg.control.topic", "iceberg-control-" + id);
            v.put("iceberg.commit.interval.ms", Long.toString(host.sinkCommitInterval().toMillis()));
            v.putAll(values);
            return v;
        }

        /**
         * Debezium accepts a table.include.list naming a table that does not exist, runs, and captures nothing
         * for it: a misspelt name would look like a quiet table. The lab refuses it up front instead.
         */
        private void requireTablesExist() {
            List<String> missing = new ArrayList<>();
            for (String table : tables) {
                Object found = host.source().query("SELECT to_regclass('" + table.replace("'", "''") + "') AS t")
                        .get(0).get("t");
                if (found == null) {
                    missing.add(table);
                }
            }
            if (!missing.isEmpty()) {
                throw new LabException("Pipeline " + id + " names table(s) " + missing + " that do not exist in database "
                        + host.source().database() + ". Debezium would start anyway and capture nothing for them. "
                        + "Create the table(s) first, or fix the name (schema.table, e.g. public.orders).");
            }
        }

        /**
         * Validates both connectors, then registers both and waits until both and all their tasks are RUNNING.
         * Nothing is registered unless both configs are valid. The captured tables' topics are created first
         * ({@link CapturedTopics}), so the sink's pattern subscription has them from its start.
         */
        public Pipeline start() {
            Timer timer = Timer.start();
            IcebergNames.require(id, placeholderValues(id + "-sink").get("iceberg.namespace"), tables);
            requireTablesExist();
            ConnectorConfig source = sourceConfig();
            ConnectorConfig sink = withSink ? sinkConfig() : null;
            ConnectClient connect = host.connect();
            // Each validation loads its plugin's classes and, for Debezium, logs in: ~1 s each, done side by side.
            // Nothing is registered unless both configs are valid.
            CompletableFuture<Void> sinkValid = sink == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> connect.requireValid(sink));
            connect.requireValid(source);
            joinUnwrapped(sinkValid);
            if (sink != null && seedCoordinatorOffsets && IcebergCoordinatorOffsets.isIcebergSink(sink)) {
                IcebergCoordinatorOffsets.seed(host.kafkaBootstrapServers(), sink,
                        host.kafkaPartitions());
            }
            if (sink != null) {
                createTopicsUpFront(source);
            }
            connect.createUnvalidated(source);
            if (sink != null) {
                createNamespacesFirst(source, sink);
                connect.createUnvalidated(sink);
            }
            connect.awaitRunning(source.name(), timeout);
            if (sink != null) {
                connect.awaitRunning(sink.name(), timeout);
            }
            LOG.info("pipeline {}: source {} and sink {} RUNNING in {} (tables {}, converter {}, profile {})", id,
                    source.name(), sink == null ? "(none)" : sink.name(), timer.seconds(), tables,
                    converter() == null ? "of the fixtures" : converter().id(), profile.id());
            return new Pipeline(host, id, source, sink, converter(), namedTables);
        }

        /**
         * A sink of several tasks creates a table's namespace from whichever task first has a record for it; on a JDBC
         * catalog two tasks doing so at once collide (a duplicate key in iceberg_namespace_properties, and the task
         * FAILED: seen in F10's two-task start on the containers backend). The namespaces the lab can tell from the
         * sink config are created before the sink starts, as a team's deployment should.
         */
        private void createNamespacesFirst(ConnectorConfig source, ConnectorConfig sink) {
            String tasks = sink.get("tasks.max");
            if (tasks == null || !tasks.matches("\\d+") || Integer.parseInt(tasks) < 2
                    || !"true".equalsIgnoreCase(sink.get("iceberg.tables.auto-create-enabled"))) {
                return;
            }
            Set<String> namespaces = new LinkedHashSet<>();
            for (String table : tables) {
                String named = namedTables.get(table);
                Optional<String> iceberg = named != null ? Optional.of(named)
                        : IcebergTableRoute.of(source, sink, table).table();
                iceberg.filter(name -> name.contains(".")).ifPresent(name -> namespaces.add(
                        sparkName(host.catalog().name(), name.substring(0, name.lastIndexOf('.')))));
            }
            namespaces.forEach(host::createNamespaceIfMissing);
        }

        /**
         * The captured tables' topics, created before the sink starts with the source's partition count, so a sink
         * subscribing by {@code topics.regex} has them assigned at once instead of after its consumer's next metadata
         * refresh (5 min by default). Where the source config renames its topics, the lab says it cannot tell them.
         */
        private void createTopicsUpFront(ConnectorConfig source) {
            CapturedTopics topics = CapturedTopics.of(source, tables, host.kafkaPartitions());
            if (!topics.known()) {
                LOG.warn("pipeline {}: the lab cannot tell the captured tables' topic names ({}), so it did not create "
                        + "them before the sink: a topics.regex sink sees them only at its consumer's next metadata "
                        + "refresh (consumer.override.metadata.max.age.ms; Kafka's default is 5 min)", id, topics.unknownWhy());
                return;
            }
            List<String> created = TopicsUpFront.create(host.kafkaBootstrapServers(), topics);
            if (!created.isEmpty()) {
                LOG.info("pipeline {}: created topics {} ({} partitions) before the sink starts", id, created,
                        topics.partitions());
            }
        }

        /** Waits for {@code future}, rethrowing what it failed with as such (not wrapped). */
        private static void joinUnwrapped(CompletableFuture<Void> future) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
