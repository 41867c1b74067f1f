package io.cdclab.pipeline;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorConfig;
import io.cdclab.connect.ConnectorFixture;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a captured table lands, read from sink configs written as the Iceberg docs write them (kafka-connect.md:
 * single destination table, multi-table fan-out with static and with dynamic routing, DebeziumTransform's
 * cdc.target.pattern) and as public examples route by topic name; no server. The lab's own fixtures must keep
 * landing where they always did ({@code cdc_<id>.<table>}), since the whole suite reads them there.
 */
class IcebergTableRouteTest {
    /** Debezium as a team writes it: topics {@code shop.<schema>.<table>}. */
    private static final ConnectorConfig SOURCE = new ConnectorConfig("shop-source", Map.of(
            "connector.class", "io.debezium.connector.postgresql.PostgresConnector", "topic.prefix", "shop",
            "database.dbname", "shopdb", "plugin.name", "pgoutput", "table.include.list", "public.orders,sales.Lines"));

    private static ConnectorConfig sink(String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>(Map.of(
                "connector.class", "org.apache.iceberg.connect.IcebergSinkConnector", "topics.regex", "shop\\..*",
                "iceberg.catalog.type", "rest", "iceberg.catalog.uri", "https://localhost"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove(keyValues[i]);
            } else {
                config.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new ConnectorConfig("shop-sink", config);
    }

    private static Optional<String> landing(ConnectorConfig sink, String table) {
        return IcebergTableRoute.of(SOURCE, sink, table).table();
    }

    @Test
    void singleDestinationTable_everyEventGoesToIt() {
        assertThat(landing(sink("topics.regex", null, "topics", "shop.public.orders", "iceberg.tables", "default.events"),
                "public.orders")).contains("default.events");
    }

    @Test
    void staticFanOut_withoutARouteField_sendsEveryEventEverywhere_soTheLabCannotTellWhichOne() {
        IcebergTableRoute route = IcebergTableRoute.of(SOURCE, sink("iceberg.tables",
                "default.events_list,default.events_create"), "public.orders");
        assertThat(route.table()).isEmpty();
        assertThat(route.how()).contains("[default.events_list, default.events_create]", "every event goes to each");
    }

    @Test
    void staticFanOut_routeRegexOnAFieldTheConfigFills() {
        // The docs' static routing, on DebeziumTransform's _cdc.source (schema.table): one table per source table.
        ConnectorConfig sink = sink("transforms", "debezium",
                "transforms.debezium.type", "org.apache.iceberg.connect.transforms.DebeziumTransform",
                "iceberg.tables", "default.orders,default.lines",
                "iceberg.tables.route-field", "_cdc.source",
                "iceberg.table.default.orders.route-regex", "public\\.orders",
                "iceberg.table.default.lines.route-regex", "sales\\..*");
        assertThat(landing(sink, "public.orders")).contains("default.orders");
        assertThat(landing(sink, "sales.Lines")).contains("default.lines");
        assertThat(IcebergTableRoute.of(SOURCE, sink.with("iceberg.table.default.lines.route-regex", ".*"), "public.orders")
                .how()).contains("each of [default.orders, default.lines]");
        assertThat(IcebergTableRoute.of(SOURCE, sink.with("iceberg.table.default.orders.route-regex", "orders"),
                "public.orders").how()).as("a route-regex must match the whole value, as the sink matches it")
                .contains("no iceberg.table.<table>.route-regex", "the sink skips such events");
    }

    @Test
    void staticFanOut_onAColumnOfTheRow_cannotBeToldFromTheConfig() {
        // The docs' own example routes on the record's "type" field: a value of the row, not of the config.
        IcebergTableRoute route = IcebergTableRoute.of(SOURCE, sink("iceberg.tables", "default.events_list,default.events_create",
                "iceberg.tables.route-field", "type", "iceberg.table.default.events_list.route-regex", "list",
                "iceberg.table.default.events_create.route-regex", "create"), "public.orders");
        assertThat(route.table()).isEmpty();
        assertThat(route.how()).contains("static routing on type", "no transform the lab can read fills field type");
    }

    @Test
    void dynamicRouting_onDebeziumTransformsTarget_byItsPatternOrItsDefault() {
        ConnectorConfig sink = sink("transforms", "debezium",
                "transforms.debezium.type", "org.apache.iceberg.connect.transforms.DebeziumTransform",
                "transforms.debezium.cdc.target.pattern", "{db}_lake.{table}_changes",
                "iceberg.tables.dynamic-enabled", "true", "iceberg.tables.route-field", "_cdc.target");
        assertThat(landing(sink, "public.orders")).as("{db} is the PostgreSQL schema").contains("public_lake.orders_changes");
        assertThat(landing(sink, "sales.Lines")).as("dynamic routing lower-cases the name").contains("sales_lake.lines_changes");
        assertThat(landing(sink.without("transforms.debezium.cdc.target.pattern"), "public.orders"))
                .as("the default pattern {db}.{table}").contains("public.orders");
    }

    @Test
    void dynamicRouting_onTheTopicName_aTwoLevelNamespace() {
        // Issue 25's second team: the topic copied into __topic and used as the table name as it is.
        ConnectorConfig sink = sink("transforms", "unwrap,topic",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                "transforms.topic.type", "org.apache.kafka.connect.transforms.InsertField$Value",
                "transforms.topic.topic.field", "__topic",
                "iceberg.tables.dynamic-enabled", "true", "iceberg.tables.route-field", "__topic");
        IcebergTableRoute route = IcebergTableRoute.of(SOURCE, sink, "public.orders");
        assertThat(route.table()).contains("shop.public.orders");
        assertThat(route.how()).contains("dynamic routing on __topic", "the topic as transform 'topic'");
    }

    @Test
    void dynamicRouting_onTheTopicAfterARegexRouter_orBeforeIt_asTheChainOrders() {
        ConnectorConfig sink = sink("transforms", "unwrap,original,route,table",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                "transforms.original.type", "org.apache.kafka.connect.transforms.InsertField$Value",
                "transforms.original.topic.field", "__source_topic",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.route.regex", "shop\\.([^.]+)\\.(.+)", "transforms.route.replacement", "lake_$1.raw_$2",
                "transforms.table.type", "org.apache.kafka.connect.transforms.InsertField$Value",
                "transforms.table.topic.field", "__table!",
                "iceberg.tables.dynamic-enabled", "true", "iceberg.tables.route-field", "__table");
        assertThat(landing(sink, "public.orders")).contains("lake_public.raw_orders");
        assertThat(landing(sink.with("iceberg.tables.route-field", "__source_topic"), "public.orders"))
                .as("copied before the router ran").contains("shop.public.orders");
        assertThat(landing(sink.with("transforms.route.regex", "other\\.(.*)"), "public.orders"))
                .as("a RegexRouter leaves a topic it does not match whole alone").contains("shop.public.orders");
        // Only where a predicate lets it run.
        ConnectorConfig onlyPublic = sink.with("transforms.route.predicate", "isPublic")
                .with("predicates", "isPublic")
                .with("predicates.isPublic.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches")
                .with("predicates.isPublic.pattern", "shop\\.public\\..*");
        assertThat(landing(onlyPublic, "public.orders")).contains("lake_public.raw_orders");
        assertThat(landing(onlyPublic, "sales.Lines")).contains("shop.sales.lines");
        assertThat(landing(onlyPublic.with("transforms.route.negate", "true"), "sales.Lines")).contains("lake_sales.raw_lines");
    }

    @Test
    void extractNewRecordStatesAddedTableName_asADynamicRouteWithAStaticPart() {
        ConnectorConfig sink = sink("transforms", "unwrap,lake",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                "transforms.unwrap.add.fields", "op,source.ts_ms,table",
                "transforms.lake.type", "org.apache.kafka.connect.transforms.InsertField$Value",
                "transforms.lake.static.field", "lake", "transforms.lake.static.value", "bronze",
                "iceberg.tables", "bronze.orders,bronze.lines",
                "iceberg.tables.route-field", "__table",
                "iceberg.table.bronze.orders.route-regex", "orders",
                "iceberg.table.bronze.lines.route-regex", "(?i)lines");
        assertThat(landing(sink, "public.orders")).contains("bronze.orders");
        assertThat(landing(sink, "sales.Lines")).contains("bronze.lines");
    }

    @Test
    void aTopicTheSinkDoesNotSubscribeTo_neverLands_andSaysSo() {
        IcebergTableRoute route = IcebergTableRoute.of(SOURCE, sink("topics.regex", "shop\\.public\\..*",
                "iceberg.tables", "default.events"), "sales.Lines");
        assertThat(route.table()).isEmpty();
        assertThat(route.how()).contains("topics.regex shop\\.public\\..* does not match its topic shop.sales.Lines");
    }

    @Test
    void aRouterOnTheSourceSide_changesTheTopicTheSinkSees() {
        ConnectorConfig routedSource = SOURCE.with("transforms", "reroute")
                .with("transforms.reroute.type", "io.debezium.transforms.ByLogicalTableRouter")
                .with("transforms.reroute.topic.regex", "shop\\.(.*)\\.(.*)")
                .with("transforms.reroute.topic.replacement", "cdc.$1_$2");
        ConnectorConfig sink = sink("topics.regex", "cdc\\..*", "transforms", "topic",
                "transforms.topic.type", "org.apache.kafka.connect.transforms.InsertField$Value",
                "transforms.topic.topic.field", "t", "iceberg.tables.dynamic-enabled", "true",
                "iceberg.tables.route-field", "t");
        assertThat(IcebergTableRoute.of(routedSource, sink, "public.orders").table()).contains("cdc.public_orders");
    }

    @Test
    void theLabsOwnFixtures_andItsTeamProject_landWhereTheyAlwaysDid() {
        Host host = new Host();
        for (String fixture : List.of("iceberg-sink", "iceberg-sink-changelog")) {
            Pipeline.Builder b = Pipeline.builder(host, "k1").tables("public.k1_customers", "inventory.k1_items")
                    .sinkFixture(ConnectorFixture.builtIn(fixture));
            assertThat(IcebergTableRoute.of(b.sourceConfig(), b.sinkConfig(), "public.k1_customers").table())
                    .as(fixture).contains("cdc_k1.k1_customers");
            assertThat(IcebergTableRoute.of(b.sourceConfig(), b.sinkConfig(), "inventory.k1_items").table())
                    .as(fixture).contains("cdc_k1.k1_items");
        }
        for (String probeSink : List.of("broken-sink.json", "fixed-sink.json")) {
            Pipeline.Builder b = Pipeline.builder(host, "probe1_x").tables("probe_broken.prices")
                    .sourceFixture(ConnectorFixture.load(Path.of("src/test/resources/check-probe/broken-source.json")))
                    .sinkFixture(ConnectorFixture.load(Path.of("src/test/resources/check-probe/" + probeSink)));
            assertThat(IcebergTableRoute.of(b.sourceConfig(), b.sinkConfig(), "probe_broken.prices").table())
                    .as(probeSink).contains("cdc_probe1_x.prices");
        }
        Path team = Path.of("examples/team-project/connect");
        Pipeline.Builder shop = Pipeline.builder(host, "shop").tables("shop.orders").set("shop.snapshot.mode", "initial")
                .sourceFixture(ConnectorFixture.load(team.resolve("shop-source.json")))
                .sinkFixture(ConnectorFixture.load(team.resolve("shop-sink.json")));
        assertThat(IcebergTableRoute.of(shop.sourceConfig(), shop.sinkConfig(), "shop.orders").table())
                .contains("cdc_shop.orders");
    }

    @Test
    void whereTheConfigCannotTell_theErrorSaysWhy_listsTheCatalogsTables_andHowToNameTheTable() {
        IcebergTableRoute route = IcebergTableRoute.of(SOURCE, sink("iceberg.tables.dynamic-enabled", "true",
                "iceberg.tables.route-field", "target_table"), "public.orders");
        LabException e = route.cannotTell("shop", "shop-sink", "public.orders", "lake",
                () -> List.of("lake.bronze.orders", "lake.bronze.lines"), 40);
        assertThat(e).hasMessageContaining("cannot tell from sink shop-sink's config which Iceberg table public.orders lands in")
                .hasMessageContaining("dynamic routing on target_table")
                .hasMessageContaining("Tables in catalog lake now: lake.bronze.orders, lake.bronze.lines")
                .hasMessageContaining(".icebergTable(\"public.orders\", \"<namespace>.<table>\")");
        assertThat(route.cannotTell("shop", "shop-sink", "public.orders", "lake", () -> {
            throw new IllegalStateException("catalog down");
        }, 40)).hasMessageContaining("could not list them: catalog down");
    }

    /** Just enough of a host to render the lab's connector fixtures. */
    private static final class Host implements PipelineHost {
        public int kafkaPartitions() {
            return 3;
        }

        public Duration sinkCommitInterval() {
            return Duration.ofSeconds(1);
        }

        public SourceDatabase source() {
            return new SourceDatabase("localhost", 5432, "app", "cdc", Secret.of("not-used"));
        }

        public String kafkaBootstrapServers() {
            return "localhost:9092";
        }

        public ConnectClient connect() {
            throw new UnsupportedOperationException("rendering only");
        }

        public CatalogSpec catalog() {
            return new CatalogSpec("lake", Map.of("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog"), Map.of());
        }
    }
}
