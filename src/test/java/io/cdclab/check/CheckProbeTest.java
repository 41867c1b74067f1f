package io.cdclab.check;

import io.cdclab.check.rules.PartitionedTableNotViaRoot;
import io.cdclab.connect.ConnectorFixture;
import io.cdclab.errors.LabException;
import io.cdclab.junit.CdcLab;
import io.cdclab.topology.RunningTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import static io.cdclab.check.SchemaModel.ReplicaIdentity.DEFAULT;
import static io.cdclab.check.SchemaModel.ReplicaIdentity.FULL;
import static io.cdclab.check.SchemaModel.ReplicaIdentity.INDEX;
import static io.cdclab.check.SchemaModel.ReplicaIdentity.NOTHING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dynamic half of {@code check} on one topology: a pipeline whose tables fire every probe rule, the same
 * pipeline with each fix applied, which fires none, and the live-database reader and its DDL round trip.
 * The broken pipeline's files are in {@code src/test/resources/check-probe/}.
 */
@CdcLab(kafkaPartitions = 6, shared = true)
class CheckProbeTest {
    private static final Logger LOG = LoggerFactory.getLogger(CheckProbeTest.class);
    private static final Path FILES = Path.of("src/test/resources/check-probe");

    /** Both probes, run side by side: most of a probe is waiting for the sink's commits. */
    private static CompletableFuture<ProbeOutcome> broken;
    private static CompletableFuture<ProbeOutcome> fixed;
    /** Not the common pool: on two cores it has one thread, and the probes would run one after the other. */
    private static final Executor OWN_THREAD = task -> new Thread(task, "check-probe-test").start();

    @BeforeAll
    static void probeBothPipelines(RunningTopology lab) {
        PipelineFiles brokenFiles = new PipelineFiles(Optional.of(FILES.resolve("broken-schema.sql")),
                ConnectorFixture.load(FILES.resolve("broken-source.json")), ConnectorFixture.load(FILES.resolve("broken-sink.json")),
                List.of("probe_broken.page_views", "probe_broken.shifts", "probe_broken.prices", "probe_broken.documents",
                        "probe_broken.readings"), Map.of());
        broken = CompletableFuture.supplyAsync(() -> DynamicProbe.run(lab, brokenFiles,
                SchemaSqlReader.read(FILES.resolve("broken-schema.sql"))), OWN_THREAD);
        // The same tables with each fix: REPLICA IDENTITY FULL for the keyless and the TOASTed table, numeric(12,2),
        // a date for the timestamptz, the time column out of the capture, deletes rewritten instead of dropped, and
        // Debezium's publish.via.partition.root=true for the partitioned table (date ranges: the probe adds a default).
        // No schema SQL: the tables come from the model, as for a team checked against a live database.
        PipelineFiles fixedFiles = new PipelineFiles(Optional.empty(),
                ConnectorFixture.load(FILES.resolve("fixed-source.json")), ConnectorFixture.load(FILES.resolve("fixed-sink.json")),
                List.of("probe_fixed.page_views", "probe_fixed.shifts", "probe_fixed.prices", "probe_fixed.documents",
                        "probe_fixed.readings"), Map.of());
        fixed = CompletableFuture.supplyAsync(() -> DynamicProbe.run(lab, fixedFiles,
                model("probe_fixed", FULL, "numeric(12,2)", "date")), OWN_THREAD);
    }

    @Test
    void probe_brokenPipeline_firesEachProbeRuleWithWhereEvidenceAndFix(RunningTopology lab) {
        ProbeOutcome outcome = broken.join();
        outcome.probed().forEach(line -> LOG.info("probed {}", line));
        outcome.findings().forEach(f -> LOG.info("[{}] {} at {}: {} fix: {}", f.severity().label(), f.ruleId(), f.where(),
                f.evidence(), f.fix()));
        assertThat(outcome.findings()).as("one finding per rule").extracting(Finding::ruleId).doesNotHaveDuplicates();
        // How long it took is a figure for check's output (probe_seconds), not an assertion: it is what the load
        // on the machine makes it (11-17 s quiet, 40-61 s at a load average of 17 here).
        LOG.info("the probe took {} s", outcome.took().toSeconds());

        assertThat(byRule(outcome)).as(String.join("\n", outcome.probed()) + "\n" + outcome.findings()).containsOnly(
                Map.entry("probe-write-refused", List.of("probe_broken.page_views")),
                Map.entry("probe-column-unreadable", List.of("probe_broken.shifts.starts")),
                Map.entry("probe-value-changed", List.of("probe_broken.prices.amount")),
                Map.entry("probe-type-changed", List.of("probe_broken.prices.listed")),
                Map.entry("probe-toast-placeholder", List.of("probe_broken.documents.body")),
                Map.entry("probe-partition-changes-missing", List.of("probe_broken.readings")),
                Map.entry("probe-rows-missing", List.of("probe_broken.documents", "probe_broken.prices")));
        Finding partitions = only(outcome, "probe-partition-changes-missing");
        assertThat(partitions.severity()).isEqualTo(Severity.LOSES_DATA);
        assertThat(partitions.evidence()).contains("row 2, row 3, row 2 after its UPDATE, written after the snapshot "
                + "into partitions probe_broken.readings_low, probe_broken.readings_high", "holds 1 of 5 change rows", "the snapshot's row arrived");
        assertThat(partitions.fix()).contains("publish_via_partition_root = true", "publish.via.partition.root=true");
        Finding refused = only(outcome, "probe-write-refused");
        assertThat(refused.evidence()).contains("cannot update table \"page_views\" because it does not have a replica "
                + "identity and publishes updates", "SQLSTATE 55000", "DELETE too");
        assertThat(refused.fix()).contains("REPLICA IDENTITY FULL");
        assertThat(only(outcome, "probe-column-unreadable").evidence()).contains("Spark does not support time fields");
        assertThat(only(outcome, "probe-toast-placeholder").evidence()).contains("__debezium_unavailable_value",
                "9000 characters", "changed only version");
        assertThat(only(outcome, "probe-value-changed").evidence()).contains("wrote 3.14159265358979323846 (numeric)", "{scale=20, value=\\x", "(struct)");
        assertThat(only(outcome, "probe-type-changed").evidence()).contains("(String)");
        assertThat(only(outcome, "probe-rows-missing").places())
                .allSatisfy(p -> assertThat(p.evidence()).contains("4 of 5 change rows", "the DELETE"))
                .allSatisfy(p -> assertThat(p.fix()).contains("delete.tombstone.handling.mode=rewrite"));
        assertThat(outcome.findings()).allSatisfy(f -> assertThat(f.evidence()).doesNotContain(
                lab.source().password().reveal()));
        assertThat(outcome.probed()).hasSize(5);
        assertThat(outcome.probed().get(4)).startsWith("probe_broken.readings: 3 inserted (1 before the snapshot), 1 "
                + "updated, 1 deleted; lake: 1 of 5 change rows, 3 row image(s) missing (partitioned: rows written into "
                + "probe_broken.readings_low, probe_broken.readings_high)");
        assertThat(outcome.probed().get(0)).startsWith("probe_broken.page_views: 3 inserted (1 before the snapshot), "
                + "0 updated, 0 deleted; UPDATE and DELETE refused by PostgreSQL; lake: 3 of 3 change rows, written values match");
        assertThat(outcome.probed().get(1)).contains("lake: unreadable by Spark (time column starts)");
    }

    @Test
    void probe_fixedPipeline_firesNone_andSaysWhatCameBack() {
        ProbeOutcome outcome = fixed.join();
        // How long it took is a figure for check's output (probe_seconds), not an assertion: it is what the load
        // on the machine makes it (11-17 s quiet, 40-61 s at a load average of 17 here).
        LOG.info("the probe took {} s", outcome.took().toSeconds());

        assertThat(outcome.findings()).as(String.join("\n", outcome.probed())).isEmpty();
        assertThat(outcome.probed()).containsExactly(
                "probe_fixed.page_views: 3 inserted (1 before the snapshot), 1 updated, 1 deleted; lake: 5 of 5 change "
                        + "rows, written values match",
                "probe_fixed.shifts: 3 inserted (1 before the snapshot), 1 updated, 1 deleted; lake: 5 of 5 change rows, "
                        + "written values match; not in the lake: starts",
                "probe_fixed.prices: 3 inserted (1 before the snapshot), 1 updated, 1 deleted; lake: 5 of 5 change rows, "
                        + "written values match",
                "probe_fixed.documents: 3 inserted (1 before the snapshot), 1 updated, 1 deleted; lake: 5 of 5 change "
                        + "rows, written values match",
                "probe_fixed.readings: 3 inserted (1 before the snapshot), 1 updated, 1 deleted; lake: 5 of 5 change "
                        + "rows, written values match (partitioned: rows written into probe_fixed.readings_probe_default; "
                        + "default partition readings_probe_default added for the probe's rows)");
    }

    @Test
    void probe_publicationNotAutocreatedAndNotInTheSchema_isABadInputNamingIt(RunningTopology lab, @TempDir Path dir)
            throws IOException {
        Path source = dir.resolve("source.json");
        Files.writeString(source, Files.readString(FILES.resolve("broken-source.json"))
                .replace("\"publication.autocreate.mode\": \"filtered\"", "\"publication.autocreate.mode\": \"disabled\""));
        SchemaModel schema = new SchemaModel(List.of(new SchemaModel.Table("probe_nopub", "events",
                List.of(col("id", "integer", true)), List.of("id"), DEFAULT, List.of(), List.of())));
        PipelineFiles files = new PipelineFiles(Optional.empty(), ConnectorFixture.load(source),
                ConnectorFixture.load(FILES.resolve("fixed-sink.json")), List.of("probe_nopub.events"), Map.of());
        assertThatThrownBy(() -> DynamicProbe.run(lab, files, schema)).isInstanceOf(LabException.class)
                .hasMessageContaining("publication.autocreate.mode=disabled")
                .hasMessageContaining("Add its CREATE PUBLICATION statement");
        assertThat(lab.connect().connectors()).as("nothing was started").noneMatch(c -> c.startsWith("probe") && c.contains("events"));
    }

    @Test
    void catalogReader_readsKeysUniqueIndexesEachReplicaIdentityAndTypes(RunningTopology lab) throws SQLException {
        lab.source().execute("CREATE SCHEMA catalog_read",
                "CREATE TABLE catalog_read.orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, free numeric, "
                        + "note varchar(40), body text, at time, ts timestamp, tstz timestamptz, d date, u uuid, "
                        + "j jsonb, js json, tags integer[], names text[], bin bytea, flag boolean, i2 smallint, "
                        + "f4 real, f8 double precision)",
                "CREATE TABLE catalog_read.lines (order_id bigint, line_no int, sku text NOT NULL, PRIMARY KEY (order_id, line_no))",
                "CREATE UNIQUE INDEX lines_sku ON catalog_read.lines (sku, order_id)",
                "CREATE UNIQUE INDEX lines_partial ON catalog_read.lines (sku) WHERE line_no > 0",
                "CREATE TABLE catalog_read.views (url text, seconds int)",
                "CREATE TABLE catalog_read.audit (at timestamptz NOT NULL, who text NOT NULL)",
                "ALTER TABLE catalog_read.audit REPLICA IDENTITY FULL",
                "CREATE TABLE catalog_read.tags (code text NOT NULL, label text, UNIQUE (code))",
                "ALTER TABLE catalog_read.tags REPLICA IDENTITY USING INDEX tags_code_key",
                "CREATE TABLE catalog_read.blind (id int PRIMARY KEY)",
                "ALTER TABLE catalog_read.blind REPLICA IDENTITY NOTHING");
        SchemaModel model;
        try (Connection db = lab.source().connect()) {
            model = SchemaCatalogReader.read(db, List.of("catalog_read.orders", "catalog_read.lines", "catalog_read.views",
                    "catalog_read.audit", "CATALOG_READ.Tags", "catalog_read.blind"));
        }
        SchemaModel.Table orders = model.table("catalog_read.orders").orElseThrow();
        assertThat(orders.columns().stream().collect(Collectors.toMap(SchemaModel.Column::name, SchemaModel.Column::type)))
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("id", "bigint"),
                        Map.entry("amount", "numeric(12,2)"), Map.entry("free", "numeric"),
                        Map.entry("note", "character varying(40)"), Map.entry("body", "text"),
                        Map.entry("at", "time without time zone"), Map.entry("ts", "timestamp without time zone"),
                        Map.entry("tstz", "timestamp with time zone"), Map.entry("d", "date"), Map.entry("u", "uuid"),
                        Map.entry("j", "jsonb"), Map.entry("js", "json"), Map.entry("tags", "integer[]"),
                        Map.entry("names", "text[]"), Map.entry("bin", "bytea"), Map.entry("flag", "boolean"),
                        Map.entry("i2", "smallint"), Map.entry("f4", "real"), Map.entry("f8", "double precision")));
        assertThat(orders.column("amount").orElseThrow().notNull()).isTrue();
        assertThat(orders.column("note").orElseThrow().notNull()).isFalse();
        assertThat(orders.primaryKey()).containsExactly("id");
        assertThat(orders.replicaIdentity()).isEqualTo(DEFAULT);

        SchemaModel.Table lines = model.table("catalog_read.lines").orElseThrow();
        assertThat(lines.primaryKey()).containsExactly("order_id", "line_no");
        assertThat(lines.uniqueKeys()).as("the partial index is no key").containsExactly(List.of("sku", "order_id"));
        assertThat(model.table("catalog_read.views").orElseThrow().publishesUpdates()).isFalse();
        assertThat(model.table("catalog_read.audit").orElseThrow().replicaIdentity()).isEqualTo(FULL);
        SchemaModel.Table tags = model.table("catalog_read.tags").orElseThrow();
        assertThat(tags.replicaIdentity()).isEqualTo(INDEX);
        assertThat(tags.identityIndex()).containsExactly("code");
        assertThat(tags.primaryKey()).isEmpty();
        assertThat(model.table("catalog_read.blind").orElseThrow().replicaIdentity()).isEqualTo(NOTHING);

        try (Connection db = lab.source().connect()) {
            assertThatThrownBy(() -> SchemaCatalogReader.read(db, List.of("catalog_read.order")))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("Table catalog_read.order does not exist")
                    .hasMessageContaining("catalog_read.orders").hasMessageContaining("catalog_read.lines");
        }
    }

    @Test
    void catalogReader_readsPartitioningAndPublications_andThePartitionRuleFiresAsOnTheFile(RunningTopology lab)
            throws SQLException {
        String sql = "CREATE SCHEMA catalog_parts;"
                + " CREATE TABLE catalog_parts.readings (id int NOT NULL, taken_on date NOT NULL, PRIMARY KEY (id, taken_on))"
                + " PARTITION BY RANGE (taken_on);"
                + " CREATE TABLE catalog_parts.readings_2025 PARTITION OF catalog_parts.readings"
                + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
                + " CREATE PUBLICATION catalog_parts_plain FOR TABLE catalog_parts.readings;"
                + " CREATE PUBLICATION catalog_parts_root FOR TABLE catalog_parts.readings WITH (publish_via_partition_root = true)";
        lab.source().execute(sql.split(";"));
        SchemaModel live;
        try (Connection db = lab.source().connect()) {
            live = SchemaCatalogReader.withPublications(db, SchemaCatalogReader.read(db, List.of("catalog_parts.readings")));
        }
        SchemaModel file = SchemaSqlReader.parse(sql, "parts.sql");
        assertThat(live.partitioned()).hasSize(1);
        assertThat(live.partitioning("catalog_parts.readings").orElseThrow().key()).isEqualTo("RANGE (taken_on)")
                .isEqualTo(file.partitioning("catalog_parts.readings").orElseThrow().key());
        assertThat(live.partitioning("catalog_parts.readings").orElseThrow().partitions())
                .extracting(p -> p.qualifiedName() + " " + p.bound())
                .containsExactly("catalog_parts.readings_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
        assertThat(live.publication("catalog_parts_plain")).contains(new SchemaModel.Publication("catalog_parts_plain", false));
        assertThat(live.publication("catalog_parts_root")).contains(new SchemaModel.Publication("catalog_parts_root", true));

        for (SchemaModel model : List.of(live, file)) {
            CheckInput plain = new CheckInput(model, new CheckInput.Connector("source.json", Map.of("plugin.name", "pgoutput",
                    "publication.autocreate.mode", "disabled", "publication.name", "catalog_parts_plain")),
                    new CheckInput.Connector("sink.json", Map.of()), List.of("catalog_parts.readings"));
            assertThat(new PartitionedTableNotViaRoot().check(plain)).as("publication without the option")
                    .hasValueSatisfying(f -> assertThat(f.where()).isEqualTo("catalog_parts.readings"));
            CheckInput root = new CheckInput(model, new CheckInput.Connector("source.json", Map.of("plugin.name", "pgoutput",
                    "publication.autocreate.mode", "disabled", "publication.name", "catalog_parts_root")),
                    new CheckInput.Connector("sink.json", Map.of()), List.of("catalog_parts.readings"));
            assertThat(new PartitionedTableNotViaRoot().check(root)).as("via the root").isEmpty();
        }
    }

    @Test
    void schemaDdl_roundTrip_modelToDdlToPostgresToCatalogReaderGivesTheSameModel(RunningTopology lab) throws SQLException {
        SchemaModel model = new SchemaModel(List.of(
                new SchemaModel.Table("ddl_trip", "orders", List.of(col("id", "bigint", true), col("amount", "numeric(12,2)", true),
                        col("free", "numeric", false), col("note", "character varying(40)", false),
                        col("at", "time without time zone", false), col("tstz", "timestamp with time zone", false),
                        col("tags", "integer[]", false), col("bin", "bytea", false), col("j", "jsonb", false),
                        col("order", "text", false), col("Mixed Case", "uuid", false)),
                        List.of("id"), DEFAULT, List.of(List.of("note", "id")), List.of()),
                new SchemaModel.Table("ddl_trip", "lines", List.of(col("order_id", "bigint", true), col("line_no", "integer", true),
                        col("sku", "text", true)), List.of("order_id", "line_no"), INDEX,
                        List.of(List.of("sku")), List.of("sku")),
                new SchemaModel.Table("ddl_trip", "views", List.of(col("url", "text", false)), List.of(), FULL, List.of(), List.of()),
                new SchemaModel.Table("ddl_trip", "blind", List.of(col("id", "integer", true)), List.of("id"), NOTHING,
                        List.of(), List.of()),
                new SchemaModel.Table("ddl_trip", "by_key", List.of(col("id", "integer", true)), List.of("id"), INDEX,
                        List.of(), List.of("id"))));
        lab.source().execute(SchemaDdl.of(model).toArray(String[]::new));
        try (Connection db = lab.source().connect()) {
            assertThat(SchemaCatalogReader.read(db, model.tables().stream().map(t -> SchemaDdl.quote(t.schema()) + "."
                    + SchemaDdl.quote(t.name())).toList())).isEqualTo(model);
        }
    }

    /** The four probed tables in {@code schema}; {@code identity} for page_views and documents, the fix's choice. */
    private static SchemaModel model(String schema, SchemaModel.ReplicaIdentity identity, String amount, String listed) {
        return new SchemaModel(List.of(
                new SchemaModel.Table(schema, "page_views", List.of(col("url", "text", true), col("seconds", "integer", false)),
                        List.of(), identity, List.of(), List.of()),
                new SchemaModel.Table(schema, "shifts", List.of(col("id", "integer", true),
                        col("starts", "time without time zone", true), col("day", "date", false)),
                        List.of("id"), DEFAULT, List.of(), List.of()),
                new SchemaModel.Table(schema, "prices", List.of(col("id", "bigint", true), col("amount", amount, true),
                        col("listed", listed, false)), List.of("id"), DEFAULT, List.of(), List.of()),
                new SchemaModel.Table(schema, "documents", List.of(col("id", "integer", true), col("version", "integer", true),
                        col("body", "text", false), col("title", "character varying(40)", false), col("tags", "text[]", false),
                        col("meta", "jsonb", false), col("uid", "uuid", false), col("flag", "boolean", false),
                        col("blob", "bytea", false), col("big", "bigint", false), col("small", "smallint", false),
                        col("ratio", "real", false)), List.of("id"), identity, List.of(List.of("uid")), List.of()),
                new SchemaModel.Table(schema, "readings", List.of(col("id", "integer", true), col("taken_on", "date", true),
                        col("value", "numeric(8,2)", false)), List.of("id", "taken_on"), DEFAULT, List.of(), List.of())),
                List.of(new SchemaModel.PartitionedTable(schema, "readings", "RANGE (taken_on)", List.of(new SchemaModel.Partition(
                        schema, "readings_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")))), List.of());
    }

    private static SchemaModel.Column col(String name, String type, boolean notNull) {
        return new SchemaModel.Column(name, type, notNull);
    }

    private static Map<String, List<String>> byRule(ProbeOutcome outcome) {
        return outcome.findings().stream().collect(Collectors.toMap(Finding::ruleId,
                f -> f.wheres().stream().sorted().toList()));
    }

    private static List<String> placesOf(Finding f) {
        return f.wheres().stream().map(w -> f.ruleId() + "@" + w).toList();
    }

    private static Finding only(ProbeOutcome outcome, String rule) {
        List<Finding> found = outcome.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertThat(found).as(rule).hasSize(1);
        return found.get(0);
    }

    /** The live-database path (--jdbc-url) finds what the schema file finds: the same rules fire at the same places. */
    @Test
    void aLiveDatabase_givesTheStaticRulesTheSameSchemaAsItsSqlFile(RunningTopology lab) throws Exception {
        Path sql = FILES.resolve("broken-schema.sql");
        PipelineFiles fromFile = new PipelineFiles(Optional.of(sql),
                ConnectorFixture.load(FILES.resolve("broken-source.json")),
                ConnectorFixture.load(FILES.resolve("broken-sink.json")),
                List.of("probe_broken.page_views", "probe_broken.shifts", "probe_broken.prices", "probe_broken.documents"),
                Map.of());
        PipelineFiles fromDatabase = new PipelineFiles(Optional.empty(), fromFile.source(), fromFile.sink(),
                fromFile.tables(), Map.of());
        broken.join();   // the broken probe created these tables in this topology's PostgreSQL from the same file
        CheckResult file = PipelineCheck.of(fromFile).runStatic();
        CheckResult database = PipelineCheck.of(fromDatabase).schemaFrom(lab.source()).runStatic();

        assertThat(database.findings()).flatExtracting(CheckProbeTest::placesOf)
                .containsExactlyInAnyOrderElementsOf(file.findings().stream().flatMap(f -> placesOf(f).stream()).toList())
                .isNotEmpty();
        assertThat(database.inputs()).anyMatch(i -> i.startsWith("schema jdbc:postgresql://"));
    }
}
