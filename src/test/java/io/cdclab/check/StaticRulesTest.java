package io.cdclab.check;

import io.cdclab.check.rules.ControlTopicUnguarded;
import io.cdclab.check.rules.DateAsEpochDays;
import io.cdclab.check.rules.GlueMultiLevelNamespace;
import io.cdclab.check.rules.KeylessTablePublished;
import io.cdclab.check.rules.MultiTaskSinkOnJdbcCatalog;
import io.cdclab.check.rules.PartitionedTableNotViaRoot;
import io.cdclab.check.rules.PlainTextSecret;
import io.cdclab.check.rules.SchemalessJsonDecimal;
import io.cdclab.check.rules.StaticS3KeysInSink;
import io.cdclab.check.rules.TabularUpsertSettingIgnored;
import io.cdclab.check.rules.TimeColumnUnderConnectPrecision;
import io.cdclab.check.rules.ToastedValuePlaceholder;
import io.cdclab.check.rules.TopicsRegexMetadataAge;
import io.cdclab.check.rules.UnconstrainedNumericAsStruct;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule: an input that fires it, and the same input with the fix applied, which does not. */
class StaticRulesTest {
    private static final String ORDERS = "CREATE TABLE shop.orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL,"
            + " status varchar(20) NOT NULL, placed_at timestamptz NOT NULL);";

    @Test
    void k3_keylessTableInAPublicationThatPublishesUpdates() {
        CheckInputs in = CheckInputs.careful("CREATE TABLE shop.page_views (viewed_at timestamptz, path varchar(200));",
                "shop.page_views").source("message.key.columns", "shop.page_views:path");
        assertThat(in.run(new KeylessTablePublished())).hasValueSatisfying(f -> {
            assertThat(f.where()).isEqualTo("shop.page_views");
            assertThat(f.places().get(0).evidence()).contains("no primary key", "replica identity DEFAULT", "(K5)");
            assertThat(f.commonEvidence()).contains(
                    "source.json: plugin.name = pgoutput, publication.autocreate.mode = filtered");
            assertThat(f.places().get(0).fix()).contains("ALTER TABLE shop.page_views REPLICA IDENTITY FULL");
            assertThat(f.commonFix()).contains("publish = 'insert'");
        });
        assertThat(in.source("publication.autocreate.mode", null).run(new KeylessTablePublished()))
                .as("Debezium's default all_tables publishes updates too").isPresent();

        assertThat(in.sql("ALTER TABLE shop.page_views REPLICA IDENTITY FULL;").run(new KeylessTablePublished())).isEmpty();
        assertThat(CheckInputs.careful("CREATE TABLE shop.page_views (viewed_at timestamptz, path varchar(200));",
                "shop.page_views").source("publication.autocreate.mode", "disabled").run(new KeylessTablePublished()))
                .as("a publication of the team's own (insert-only, K3's second fix) cannot be seen").isEmpty();
    }

    private static final String READINGS = "CREATE TABLE shop.readings (id int NOT NULL, taken_on date NOT NULL,"
            + " value numeric(8,2), PRIMARY KEY (id, taken_on)) PARTITION BY RANGE (taken_on);"
            + " CREATE TABLE shop.readings_2025 PARTITION OF shop.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
            + " CREATE TABLE shop.readings_2026 (id int NOT NULL, taken_on date NOT NULL, value numeric(8,2));"
            + " ALTER TABLE ONLY shop.readings ATTACH PARTITION shop.readings_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');";

    @Test
    void k7_partitionedTableCapturedByItsParent_publicationNotViaRoot() {
        CheckInputs in = CheckInputs.careful(READINGS + ORDERS, "shop.readings", "shop.orders");
        assertThat(in.run(new PartitionedTableNotViaRoot())).hasValueSatisfying(f -> {
            assertThat(f.ruleId()).isEqualTo("partitioned-table-not-via-root");
            assertThat(f.severity()).isEqualTo(Severity.LOSES_DATA);
            assertThat(f.wheres()).containsExactly("shop.readings");
            assertThat(f.places().get(0).evidence()).contains("RANGE (taken_on)", "readings_2025, readings_2026");
            assertThat(f.commonEvidence()).contains("source.json: publication.autocreate.mode = filtered",
                    "no publish.via.partition.root = true", "under the partition's name");
            assertThat(f.fix()).contains("CREATE PUBLICATION dbz_publication FOR TABLE shop.readings",
                    "WITH (publish_via_partition_root = true)", "publication.autocreate.mode=disabled",
                    "publish.via.partition.root=true");
        });
        assertThat(CheckInputs.careful(READINGS + ORDERS, "shop.orders", "shop.readings_2025").run(new PartitionedTableNotViaRoot()))
                .as("no parent captured").isEmpty();

        // Fix 1: Debezium's own switch, while it creates the publication.
        assertThat(CheckInputs.careful(READINGS, "shop.readings").source("publish.via.partition.root", "true")
                .run(new PartitionedTableNotViaRoot())).isEmpty();
        // Fix 2: the team's publication, WITH the option; without it, or not in the schema, it fires and says why.
        CheckInputs own = CheckInputs.careful(READINGS, "shop.readings").source("publication.autocreate.mode", "disabled")
                .source("publication.name", "cdc_shop");
        assertThat(own.run(new PartitionedTableNotViaRoot())).hasValueSatisfying(f -> assertThat(f.commonEvidence())
                .contains("does not create publication cdc_shop", "cannot see"));
        assertThat(CheckInputs.careful(READINGS + " CREATE PUBLICATION cdc_shop FOR TABLE shop.readings;", "shop.readings")
                .source("publication.autocreate.mode", "disabled").source("publication.name", "cdc_shop")
                .run(new PartitionedTableNotViaRoot())).hasValueSatisfying(f -> assertThat(f.commonEvidence())
                .contains("creates publication cdc_shop without publish_via_partition_root"));
        assertThat(own.sql("CREATE PUBLICATION cdc_shop FOR TABLE shop.readings WITH (publish = 'insert,update',"
                + " publish_via_partition_root = true);").run(new PartitionedTableNotViaRoot())).isEmpty();
        assertThat(CheckInputs.careful(READINGS + " CREATE PUBLICATION cdc_shop FOR TABLE shop.readings;"
                        + " ALTER PUBLICATION cdc_shop SET (publish_via_partition_root);", "shop.readings")
                .source("publication.name", "cdc_shop").run(new PartitionedTableNotViaRoot()))
                .as("an existing publication, altered: Debezium's filtered mode uses it as it is").isEmpty();
    }

    @Test
    void c1_topicsRegexSinkWithoutAShortMetadataAge() {
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders").sink("consumer.override.metadata.max.age.ms", null);
        assertThat(in.run(new TopicsRegexMetadataAge())).hasValueSatisfying(f -> {
            assertThat(f.ruleId()).isEqualTo("topics-regex-metadata-age");
            assertThat(f.severity()).isEqualTo(Severity.DEGRADES);
            assertThat(f.where()).isEqualTo("sink: topics.regex");
            assertThat(f.evidence()).contains("sink.json: topics.regex = shop\\..*",
                    "no consumer.override.metadata.max.age.ms", "300000 ms (5 min, Kafka's default)");
            assertThat(f.fix()).contains("\"consumer.override.metadata.max.age.ms\": \"5000\"", "up to 30000 ms",
                    "before the sink starts");
        });
        assertThat(in.sink("consumer.override.metadata.max.age.ms", "60000").run(new TopicsRegexMetadataAge()))
                .hasValueSatisfying(f -> assertThat(f.evidence()).contains("= 60000 (more than 30 s)"));

        assertThat(in.sink("consumer.override.metadata.max.age.ms", "5000").run(new TopicsRegexMetadataAge())).isEmpty();
        assertThat(in.sink("consumer.override.metadata.max.age.ms", "30000").run(new TopicsRegexMetadataAge())).isEmpty();
        assertThat(in.sink("consumer.override.metadata.max.age.ms", null).sink("topics.regex", null)
                .sink("topics", "shop.shop.orders").run(new TopicsRegexMetadataAge())).as("a topic list").isEmpty();
    }

    @Test
    void c4_timeColumnUnderConnectPrecision() {
        CheckInputs in = CheckInputs.careful("CREATE TABLE shop.shifts (id int PRIMARY KEY, starts time, zoned timetz);",
                "shop.shifts").source("time.precision.mode", "connect");
        assertThat(in.run(new TimeColumnUnderConnectPrecision())).hasValueSatisfying(f -> {
            assertThat(f.where()).isEqualTo("shop.shifts.starts");
            assertThat(f.evidence()).contains("time without time zone", "time.precision.mode = connect");
        });
        assertThat(in.source("column.exclude.list", "shop.shifts.starts").run(new TimeColumnUnderConnectPrecision())).isEmpty();
        assertThat(in.source("column.exclude.list", null).source("time.precision.mode", null)
                .run(new TimeColumnUnderConnectPrecision())).isEmpty();
    }

    @Test
    void c4_unconstrainedNumericUnderPreciseDecimals() {
        CheckInputs in = CheckInputs.careful("CREATE TABLE shop.rates (id int PRIMARY KEY, rate numeric, fee numeric(8,2));",
                "shop.rates");
        assertThat(in.run(new UnconstrainedNumericAsStruct())).hasValueSatisfying(f -> {
            assertThat(f.where()).isEqualTo("shop.rates.rate");
            assertThat(f.evidence()).contains("Debezium's default, precise");
            assertThat(f.fix()).contains("ALTER TABLE shop.rates ALTER COLUMN rate TYPE numeric(<p>,<s>)");
        });
        assertThat(in.sql("ALTER TABLE shop.rates ALTER COLUMN rate TYPE numeric(18,6);")
                .run(new UnconstrainedNumericAsStruct())).isEmpty();
    }

    @Test
    void c4_dateUnderTheDefaultTimePrecision() {
        CheckInputs in = CheckInputs.careful("CREATE TABLE shop.deliveries (id int PRIMARY KEY, due date, at timestamptz);",
                "shop.deliveries");
        assertThat(in.run(new DateAsEpochDays())).hasValueSatisfying(f -> {
            assertThat(f.where()).isEqualTo("shop.deliveries.due");
            assertThat(f.evidence()).contains("Debezium's default, adaptive");
        });
        assertThat(in.source("time.precision.mode", "connect").run(new DateAsEpochDays())).isEmpty();
    }

    @Test
    void c4_decimalsUnderSchemalessJson() {
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders").source("value.converter.schemas.enable", "false");
        assertThat(in.run(new SchemalessJsonDecimal()))
                .hasValueSatisfying(f -> assertThat(f.where()).isEqualTo("shop.orders.amount"));
        assertThat(in.source("value.converter.schemas.enable", "true").run(new SchemalessJsonDecimal())).isEmpty();
    }

    @Test
    void c5_toastableColumnsUnderDefaultReplicaIdentity() {
        CheckInputs in = CheckInputs.careful("CREATE TABLE shop.products (sku varchar(40) PRIMARY KEY, name varchar(120),"
                + " description text, specs jsonb, tags text[], code char(8));", "shop.products");
        assertThat(in.run(new ToastedValuePlaceholder())).hasValueSatisfying(f -> {
            assertThat(f.where()).isEqualTo("shop.products");
            assertThat(f.evidence()).contains("description text", "specs jsonb", "tags text[]")
                    .doesNotContain("name character varying(120)", "code");
            assertThat(f.fix()).contains("ALTER TABLE shop.products REPLICA IDENTITY FULL");
        });
        assertThat(in.sql("ALTER TABLE shop.products REPLICA IDENTITY FULL;").run(new ToastedValuePlaceholder())).isEmpty();
    }

    @Test
    void c1_tabularUpsertSettingsOnApacheIcebergsSink() {
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders")
                .sink("iceberg.tables.upsert-mode-enabled", "true").sink("iceberg.tables.cdc-field", "_cdc.op");
        assertThat(in.run(new TabularUpsertSettingIgnored()).orElseThrow().wheres())
                .containsExactly("sink: iceberg.tables.upsert-mode-enabled", "sink: iceberg.tables.cdc-field");
        assertThat(in.sink("iceberg.tables.upsert-mode-enabled", null).sink("iceberg.tables.cdc-field", null)
                .run(new TabularUpsertSettingIgnored())).isEmpty();
    }

    @Test
    void f3_controlTopicWithoutEarliest() {
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders").sink("iceberg.kafka.auto.offset.reset", null);
        assertThat(in.run(new ControlTopicUnguarded())).hasValueSatisfying(f -> {
            assertThat(f.where()).isEqualTo("sink: iceberg.kafka.auto.offset.reset");
            assertThat(f.evidence()).contains("sink.json has no iceberg.kafka.auto.offset.reset");
        });
        assertThat(in.sink("iceberg.kafka.auto.offset.reset", "latest").run(new ControlTopicUnguarded())).isPresent();
        assertThat(in.sink("iceberg.kafka.auto.offset.reset", "earliest").run(new ControlTopicUnguarded())).isEmpty();
    }

    @Test
    void f2_staticS3KeysInTheSink_onGlue() {
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders")
                .sink("iceberg.catalog.s3.access-key-id", "${file:/secrets/s3.properties:id}")
                .sink("iceberg.catalog.s3.secret-access-key", "${file:/secrets/s3.properties:secret}");
        assertThat(in.run(new StaticS3KeysInSink())).hasValueSatisfying(f -> {
            assertThat(f.evidence()).contains("iceberg.catalog.s3.access-key-id, iceberg.catalog.s3.secret-access-key",
                    "GlueCatalog's client does not use them").doesNotContain("/secrets");
            assertThat(f.fix()).contains("iceberg.catalog.client.credentials-provider");
        });
        assertThat(in.sink("iceberg.catalog.s3.access-key-id", null).sink("iceberg.catalog.s3.secret-access-key", null)
                .sink("iceberg.catalog.client.credentials-provider",
                        "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider")
                .run(new StaticS3KeysInSink())).isEmpty();
    }

    @Test
    void f7_literalSecretsInEitherConfig_neverQuoted() {
        String password = "s3cr3t-Pa55";
        String awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders").source("database.password", password)
                .sink("iceberg.catalog.s3.secret-access-key", awsSecret)
                .sink("iceberg.catalog.client.credentials-provider", "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
        Finding found = in.run(new PlainTextSecret()).orElseThrow();
        assertThat(found.wheres())
                .containsExactly("source: database.password", "sink: iceberg.catalog.s3.secret-access-key");
        assertThat(found.where() + found.evidence() + found.fix()).doesNotContain(password).doesNotContain(awsSecret);
        assertThat(in.source("database.password", "${env:PG_PASSWORD}")
                .sink("iceberg.catalog.s3.secret-access-key", "${file:/secrets/s3.properties:secret}")
                .run(new PlainTextSecret())).isEmpty();
    }

    @Test
    void f10_multiTaskSinkOnAJdbcCatalog() {
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders").sink("tasks.max", "2")
                .sink("iceberg.catalog.type", null)
                .sink("iceberg.catalog.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        assertThat(in.run(new MultiTaskSinkOnJdbcCatalog())).hasValueSatisfying(f -> {
            assertThat(f.evidence()).contains("tasks.max = 2", "iceberg.catalog.catalog-impl = org.apache.iceberg.jdbc.JdbcCatalog");
            assertThat(f.fix()).contains("JdbcCatalogSetup");
        });
        assertThat(in.sink("tasks.max", "1").run(new MultiTaskSinkOnJdbcCatalog())).isEmpty();
        assertThat(CheckInputs.careful(ORDERS, "shop.orders").sink("tasks.max", "4").run(new MultiTaskSinkOnJdbcCatalog()))
                .as("Glue has no schema migration to race").isEmpty();
    }

    @Test
    void g1_multiLevelNamesOnGlue() {
        CheckInputs in = CheckInputs.careful(ORDERS, "shop.orders").sink("iceberg.tables", "shop_lake.public.orders");
        assertThat(in.run(new GlueMultiLevelNamespace())).hasValueSatisfying(f -> {
            assertThat(f.where()).isEqualTo("sink: iceberg.tables");
            assertThat(f.evidence()).contains("3-level names", "iceberg.catalog.type = glue");
        });
        assertThat(in.sink("iceberg.tables", "shop_lake.orders").run(new GlueMultiLevelNamespace())).isEmpty();

        // Routed by a field holding the topic name (prefix.schema.table), as the changelog fixture did before its router.
        CheckInputs byTopic = CheckInputs.careful(ORDERS, "shop.orders").sink("iceberg.tables", null)
                .sink("iceberg.tables.dynamic-enabled", "true").sink("iceberg.tables.route-field", "__table")
                .sink("transforms", "table").sink("transforms.table.type", "org.apache.kafka.connect.transforms.InsertField$Value")
                .sink("transforms.table.topic.field", "__table");
        assertThat(byTopic.run(new GlueMultiLevelNamespace()).orElseThrow().wheres())
                .containsExactly("sink: iceberg.tables.route-field");
        assertThat(byTopic.sink("transforms", "route,table")
                .sink("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter")
                .sink("transforms.route.regex", "[^.]+\\.[^.]+\\.(.+)").sink("transforms.route.replacement", "shop_lake.$1")
                .run(new GlueMultiLevelNamespace())).isEmpty();
        assertThat(byTopic.sink("transforms.route.replacement", "{{iceberg.namespace}}.public.$1")
                .run(new GlueMultiLevelNamespace()).orElseThrow().wheres()).containsExactly("sink: transforms.route.replacement");
    }

    @Test
    void aRuleFiringOnSeveralTables_isOneFindingNamingEachPlace_eachWithItsOwnFix() {
        CheckInputs in = CheckInputs.careful("CREATE TABLE shop.notes (id int PRIMARY KEY, body text, ends time);"
                        + " CREATE TABLE shop.codes (id int PRIMARY KEY, code char(4));"
                        + " CREATE TABLE shop.docs (id int PRIMARY KEY, spec jsonb, starts time);",
                "shop.notes", "shop.codes", "shop.docs").source("time.precision.mode", "connect");

        Finding toast = in.run(new ToastedValuePlaceholder()).orElseThrow();
        assertThat(toast.wheres()).as("in the captured tables' order; shop.codes has no large column")
                .containsExactly("shop.notes", "shop.docs");
        assertThat(toast.places()).extracting(Finding.Place::fix).containsExactly(
                "ALTER TABLE shop.notes REPLICA IDENTITY FULL", "ALTER TABLE shop.docs REPLICA IDENTITY FULL");
        assertThat(toast.places().get(1).evidence()).contains("spec jsonb").doesNotContain("body");
        assertThat(toast.commonFix()).contains("Materializer.carryForwardUnavailable").doesNotContain("shop.");
        assertThat(toast.fix()).as("the whole fix, each place's named").contains(
                "shop.notes: ALTER TABLE shop.notes REPLICA IDENTITY FULL; shop.docs: ALTER TABLE shop.docs REPLICA "
                        + "IDENTITY FULL; REPLICA IDENTITY FULL costs more WAL");

        Finding time = in.run(new TimeColumnUnderConnectPrecision()).orElseThrow();
        assertThat(time.wheres()).containsExactly("shop.notes.ends", "shop.docs.starts");
        assertThat(time.commonFix()).as("one exclusion list naming both columns")
                .contains("\"column.exclude.list\": \"shop.notes.ends,shop.docs.starts\"");
        assertThat(time.commonEvidence()).isEqualTo("source.json: time.precision.mode = connect");
    }

        @Test
    void everyStaticRule_hasItsOwnIdAndAScenarioOfScenariosMd() {
        // SCENARIOS.md's ids (the file lives beside the checkout, not in it).
        Set<String> known = Set.of("K1", "K2", "K3", "K4", "K5", "K6", "P1", "P2", "C1", "C2",
                "C3", "C4", "C5", "K7", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "G1", "G2", "G3", "G4",
                "E1", "S1");
        List<RuleInfo> infos = StaticRules.all().stream().map(Rule::info).toList();
        assertThat(infos).extracting(RuleInfo::id).doesNotHaveDuplicates();
        assertThat(infos).allSatisfy(i -> assertThat(known).as(i.id()).contains(i.scenario()));
    }
}
