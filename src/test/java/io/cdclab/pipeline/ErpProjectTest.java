package io.cdclab.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdclab.check.CheckConsole;
import io.cdclab.check.CheckResult;
import io.cdclab.check.Finding;
import io.cdclab.check.PipelineCheck;
import io.cdclab.check.PipelineFiles;
import io.cdclab.check.SchemaModel;
import io.cdclab.check.SchemaSqlReader;
import io.cdclab.connect.ConnectorFixture;
import io.cdclab.junit.CdcLab;
import io.cdclab.lake.ChangelogLayout;
import io.cdclab.lake.Lake;
import io.cdclab.lake.Materializer;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import io.cdclab.verify.SourceRows;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 25 item 8: a realistic team project on real servers. A 14-table ERP schema as {@code pg_dump} writes it
 * ({@code erp-project/db/erp-dump.sql}: SET lines, domains, enums, {@code $_$} and {@code $$} functions, a trigger,
 * sequences and an identity column, a view, a range-partitioned table with three partitions, a keyless audit log with
 * REPLICA IDENTITY FULL, {@code COPY} data with non-ASCII text, ownership by and grants to roles the lab lacks, and the
 * publication {@code erp_cdc} with {@code publish_via_partition_root}), captured by connector configs written as the
 * Iceberg docs write them (Iceberg's {@code DebeziumTransform} filling {@code _cdc.target}, dynamic routing,
 * {@code topics.regex}; Debezium on the dump's publication, not auto-created). No table is named by hand: the tables
 * come from the source's {@code table.include.list}, their keys from the dump, their Iceberg names from the sink config.
 * Each test starts from a database without the dump's schema, so the two tests do not depend on their order.
 */
@CdcLab(kafkaPartitions = 3)
class ErpProjectTest {
    private static final Logger LOG = LoggerFactory.getLogger(ErpProjectTest.class);
    private static final Path PROJECT = Path.of("src/test/resources/erp-project");
    private static final Path DUMP = PROJECT.resolve("db/erp-dump.sql");
    private static final Path SOURCE = PROJECT.resolve("connect/erp-source.json");
    private static final Path SINK = PROJECT.resolve("connect/erp-sink.json");
    private static final Duration LANDING = Duration.ofSeconds(120);

    /** Change events per table after the writes below, by {@code _cdc.op} (a snapshot read is I too). */
    private static final Map<String, String> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("erp.customers", "D=1, I=6, U=2");
        EVENTS.put("erp.addresses", "D=1, I=6, U=1");
        EVENTS.put("erp.categories", "D=1, I=7, U=1");
        EVENTS.put("erp.suppliers", "D=1, I=5, U=1");
        EVENTS.put("erp.products", "D=1, I=6, U=1");
        EVENTS.put("erp.inventory", "D=1, I=6, U=1");
        EVENTS.put("erp.orders", "D=1, I=4, U=2");
        EVENTS.put("erp.order_lines", "D=3, I=7, U=1");   // two of the deletes: lines going with their order (CASCADE)
        EVENTS.put("erp.payments", "D=1, I=3, U=1");
        EVENTS.put("erp.shipments", "D=1, I=3, U=1");
        EVENTS.put("erp.purchase_orders", "D=1, I=3, U=1");
        EVENTS.put("erp.reviews", "D=1, I=4, U=1");
        EVENTS.put("erp.audit_log", "D=1, I=5, U=1");
        EVENTS.put("erp.order_events", "D=1, I=7, U=1");
    }

    @BeforeEach
    void withoutTheDumpsObjects(RunningTopology lab) {
        lab.source().execute("DROP PUBLICATION IF EXISTS erp_cdc", "DROP SCHEMA IF EXISTS erp CASCADE");
    }

    @Test
    void theDump_loads_andEveryTableStreamsItsChanges_andEveryKeyedTableEqualsPostgres(RunningTopology lab) {
        SqlScriptRun load = SqlScript.load(DUMP).runOn(lab.source());
        assertThat(load.rowsCopied()).as("the dump's COPY rows").isEqualTo(49);
        assertThat(load.skipped()).as("ownership by and grants to roles the lab's database lacks: " + load.summary())
                .allSatisfy(s -> assertThat(s.reason()).containsAnyOf("app_owner", "reporting"))
                .hasSize(28 + 5);   // 28 OWNER TO app_owner, 5 GRANT ... TO reporting
        assertThat(lab.source().query("SELECT pubviaroot FROM pg_publication WHERE pubname = 'erp_cdc'"))
                .containsExactly(Map.of("pubviaroot", true));

        List<String> tables = capturedTables();
        assertThat(tables).hasSize(14).containsExactlyInAnyOrderElementsOf(EVENTS.keySet());
        Pipeline.Builder erp = lab.pipeline("erp").tables(tables.toArray(String[]::new))
                .sourceFixture(ConnectorFixture.load(SOURCE)).sinkFixture(ConnectorFixture.load(SINK));
        // The sink is as the team wrote it: topics.regex without a short metadata age. The lab's pipeline start
        // creates the captured tables' topics before the sink, so it sees all 14 at once.
        Pipeline pipeline = erp.start();
        try {
            Timer phase = Timer.start();
            applicationWrites(lab);
            Lake lake = lab.lake();
            // One query over the 14 changelogs per poll: on 2 cores Spark's per-query cost, not the sink, is the wait.
            await("every change event of the " + EVENTS.size() + " tables in the lake").atMost(LANDING)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(AnalysisException.class)
                    .untilAsserted(() -> assertThat(opCounts(lake, pipeline)).as("change events by _cdc.op, per table")
                            .isEqualTo(EVENTS));
            LOG.info("erp: writes made and every change event in the lake after {}", phase.seconds());
            assertThat(pipeline.icebergTable("erp.order_events"))
                    .as("the sink's cdc.target.pattern names it, not the lab's <namespace>.<table> rule")
                    .isEqualTo(lab.catalog().name() + ".cdc_erp.erp_order_events");
            assertThat(lab.catalogTables(200)).as("the partitions' changes arrive under the parent's name")
                    .noneMatch(t -> t.contains("order_events_20") || t.contains("order_events_default"));
            assertThat(lab.source().query("SELECT DISTINCT tableoid::regclass::text AS p FROM erp.order_events "
                    + "WHERE event_id > 7004")).as("the rows written after the snapshot, in three partitions")
                    .extracting(r -> r.get("p")).containsExactlyInAnyOrder("erp.order_events_2025",
                            "erp.order_events_2026", "erp.order_events_default");

            SchemaModel schema = SchemaSqlReader.read(DUMP);
            for (String table : tables) {
                List<String> key = schema.table(table).orElseThrow().primaryKey();
                if (key.isEmpty()) {
                    continue;
                }
                List<Map<String, Object>> postgres = SourceRows.read(lab.source(), "SELECT * FROM " + table);
                Materializer current = Materializer.of(lake, pipeline.icebergTable(table), key,
                        ChangelogLayout.debeziumTransform());
                assertThat(current.dataColumns().keySet()).as(table + ": the lake has its columns (besides _cdc)")
                        .containsExactlyInAnyOrderElementsOf(postgres.get(0).keySet());
                Reconciliation r = Reconciler.compare(postgres, lake.rowsAsMaps(current.currentStateSql()), key);
                assertThat(r.matches()).as(table + " in PostgreSQL vs its current state in the lake: " + r.summary())
                        .isTrue();
                assertThat(r.sourceRows()).as(table + " rows").isEqualTo(r.lakeRows()).isPositive();
            }

            LOG.info("erp: every keyed table reconciled after {}", phase.seconds());
            // The keyless audit log has no key to rebuild it by: its delete carries the whole old row (FULL).
            String audit = pipeline.icebergTable("erp.audit_log");
            assertThat(lake.rowsAsMaps("SELECT action, entity FROM " + audit + " WHERE _cdc.op = 'D'"))
                    .containsExactly(Map.of("action", "import", "entity", "suppliers"));
            assertThat(lake.rowsAsMaps("SELECT full_name, tier FROM " + pipeline.icebergTable("erp.customers")
                    + " WHERE _cdc.op = 'I' AND customer_id = 1006")).as("a sequence-keyed insert, non-ASCII intact")
                    .containsExactly(Map.of("full_name", "Łukasz Wójcik", "tier", "standard"));
        } finally {
            pipeline.delete();   // before the next test drops the publication this connector reads
        }
    }

    @Test
    void check_onTheProjectsFiles_runsItsProbe_namesTheRegexStart_andThePartitionedTableOnlyWithoutItsPublication(
            RunningTopology lab, @TempDir Path dir) throws IOException {
        List<String> tables = capturedTables();
        PipelineFiles files = new PipelineFiles(Optional.of(DUMP), ConnectorFixture.load(SOURCE),
                ConnectorFixture.load(SINK), tables, Map.of());

        CheckResult result = PipelineCheck.of(files).runWithProbe(lab);

        LOG.info("check on the ERP project:\n{}", CheckConsole.summary(result));
        assertThat(result.probe()).as("the probe ran").isPresent();
        assertThat(result.probe().orElseThrow().probed()).as("one line per probed table").hasSize(tables.size())
                // customers, addresses and suppliers have domain-typed columns (email, country code): written too
                .allSatisfy(line -> assertThat(line).doesNotContain(": 0 inserted"));
        List<String> fired = result.findings().stream().map(Finding::ruleId).toList();
        assertThat(fired).as(CheckConsole.summary(result))
                .contains("topics-regex-metadata-age")            // the Iceberg docs' topics.regex, no short refresh
                .doesNotContain("keyless-table-published")         // the audit log is REPLICA IDENTITY FULL
                // Every value arrives, some as another type (timestamptz as text): no value changed, keyless audit
                // log included, whose probe rows differ from each other in one timestamptz only.
                .doesNotContain("probe-value-changed")
                // The dump's publication publishes via the root, and the source names it: order_events arrives.
                .doesNotContain("partitioned-table-not-via-root", "probe-partition-changes-missing");

        // The same project with Debezium's default publication (filtered, created by the connector) loses the
        // partitioned table's streamed changes: check names it before anything runs.
        Path defaultPublication = withoutThePublication(dir);
        CheckResult unguarded = PipelineCheck.of(new PipelineFiles(Optional.of(DUMP),
                ConnectorFixture.load(defaultPublication), ConnectorFixture.load(SINK), tables, Map.of())).runStatic();
        assertThat(unguarded.findings()).as(CheckConsole.summary(unguarded))
                .filteredOn(f -> f.ruleId().equals("partitioned-table-not-via-root")).singleElement()
                .satisfies(f -> assertThat(f.wheres()).containsExactly("erp.order_events"));
    }

    /** The team's source file without its publication settings: Debezium's default, a filtered publication. */
    private static Path withoutThePublication(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode source = (ObjectNode) json.readTree(SOURCE.toFile());
        ((ObjectNode) source.get("config")).remove(List.of("publication.name", "publication.autocreate.mode"));
        Path copy = dir.resolve("erp-source-default-publication.json");
        json.writerWithDefaultPrettyPrinter().writeValue(copy.toFile(), source);
        return copy;
    }

    /** What the application does after the snapshot: inserts, updates and deletes in every table. */
    private static void applicationWrites(RunningTopology lab) {
        lab.source().executeInTransaction(   // a new customer's first checkout, in one transaction
                "INSERT INTO erp.customers (customer_uuid, email, full_name, country) VALUES "
                        + "('5b4c3d2e-1f0a-4b9c-8d7e-6f5a4b3c2d56', 'lukasz@example.pl', 'Łukasz Wójcik', 'PL')",
                "INSERT INTO erp.addresses VALUES (2006, 1006, 'shipping', 'ul. Długa 5/7', NULL, 'Gdańsk', '80-827', "
                        + "'PL', true)",
                "INSERT INTO erp.suppliers VALUES (504, 'Kaffeerösterei Müller', '{\"name\": \"Jörg Müller\"}', 'DE', "
                        + "NULL, true), (505, 'Short-lived Supplies Ltd', NULL, 'GB', 1.50, false)",
                "INSERT INTO erp.categories VALUES (22, 20, 'Planners', 'planners'), (23, NULL, 'Gift cards', 'gift-cards')",
                "INSERT INTO erp.products VALUES (3005, 'COFFEE-ESP-250', 11, 504, 'Espresso beans, 250 g', "
                        + "'Röstung: dunkel ☕', 9.95, 260, '{110,70,50}', '{\"roast\": \"dark\"}', '\\x00ff10', true), "
                        + "(3006, 'TMP-SKU', 23, NULL, 'Gift card €25', NULL, 25.00, NULL, NULL, '{}', NULL, false)",
                "INSERT INTO erp.inventory VALUES ('MAD', 3005, 40, 1, 10, '2026-02-27')",
                "INSERT INTO erp.orders VALUES (4004, '6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e67', 1006, 'placed', "
                        + "'2026-03-01 12:00:00+00', 'PLN', 29.85, 2006, 'Proszę dzwonić')",
                "INSERT INTO erp.order_lines VALUES (4004, 1, 3005, 2, 9.95, 0), (4004, 2, 3006, 1, 9.95, 0.0000)",
                "INSERT INTO erp.order_events VALUES (7006, 4004, '2026-03-01 12:00:00+00', 'placed', "
                        + "'{\"channel\": \"app\"}')");
        lab.source().execute(
                "UPDATE erp.customers SET tier = 'silver', tags = '{returning}' WHERE customer_id = 1002",
                "UPDATE erp.customers SET email = 'omer.yilmaz@example.com.tr' WHERE customer_id = 1005",
                "DELETE FROM erp.customers WHERE customer_id = 1005",
                "UPDATE erp.addresses SET line2 = 'Portal 2, 3º' WHERE address_id = 2003",
                "DELETE FROM erp.addresses WHERE address_id = 2002",
                "UPDATE erp.categories SET name = 'Crockery & Mugs' WHERE category_id = 12",
                "UPDATE erp.suppliers SET rating = 4.05, contact = '{\"name\": \"Claire Durand\"}' WHERE supplier_id = 503",
                "DELETE FROM erp.suppliers WHERE supplier_id = 505",
                "UPDATE erp.products SET price = 19.50, attributes = attributes || '{\"colour\": \"grey\"}' "
                        + "WHERE product_id = 3002",
                "UPDATE erp.inventory SET on_hand = 118, reserved = 6 WHERE warehouse_code = 'GOT' AND product_id = 3001",
                "DELETE FROM erp.inventory WHERE warehouse_code = 'GOT' AND product_id = 3003",
                "UPDATE erp.orders SET status = 'shipped' WHERE order_id = 4001",
                "UPDATE erp.orders SET status = 'paid' WHERE order_id = 4002",
                "UPDATE erp.order_lines SET quantity = 50 WHERE order_id = 4002 AND line_no = 1",
                "DELETE FROM erp.orders WHERE order_id = 4003",
                "DELETE FROM erp.order_lines WHERE order_id = 4004 AND line_no = 2",
                "DELETE FROM erp.products WHERE product_id = 3006",
                "DELETE FROM erp.categories WHERE category_id = 23",
                "INSERT INTO erp.payments VALUES ('7c6d5e4f-3a2b-4c1d-8e9f-0a1b2c3d4e02', 4002, 'invoice', 89.30, NULL, "
                        + "NULL), ('8d7e6f5a-4b3c-4d2e-9f0a-1b2c3d4e5f03', 4004, 'blik', 29.85, now(), "
                        + "'{\"status\": \"authorised\"}')",
                "UPDATE erp.payments SET captured_at = '2026-01-05 09:00:00+00' WHERE order_id = 4002",
                "DELETE FROM erp.payments WHERE order_id = 4004",
                "INSERT INTO erp.shipments VALUES (8002, 4002, 'SF Express', 'SF1234567890', '{12000,8400}', "
                        + "'2026-01-06 02:00:00+00', NULL, NULL), (8003, 4004, 'InPost', NULL, NULL, NULL, NULL, NULL)",
                "UPDATE erp.shipments SET delivered_at = '2025-06-04 11:30:00+00' WHERE shipment_id = 8001",
                "DELETE FROM erp.shipments WHERE shipment_id = 8003",
                "INSERT INTO erp.purchase_orders VALUES (6003, 504, 'draft', '2026-03-02', NULL, 120.00, '[]')",
                "UPDATE erp.purchase_orders SET status = 'confirmed', expected_on = '2026-07-01' WHERE po_id = 6002",
                "DELETE FROM erp.purchase_orders WHERE po_id = 6003",
                "INSERT INTO erp.reviews (product_id, customer_id, rating, title, body) VALUES "
                        + "(3005, 1006, 5, 'Wyśmienita', 'Aromat jak w Neapolu ☕🙂')",
                "UPDATE erp.reviews SET helpful_votes = 2, body = '味道一般，但是送货很快。' WHERE review_id = 3",
                "DELETE FROM erp.reviews WHERE review_id = 2",
                "INSERT INTO erp.audit_log (actor, action, entity, entity_id, details) VALUES "
                        + "('checkout', 'insert', 'orders', 4004, '{\"lines\": 2}'), ('gdpr-bot', 'erase', 'customers', "
                        + "1005, NULL)",
                "UPDATE erp.audit_log SET details = '{\"warehouse\": \"GOT\", \"counted\": 163}' WHERE action = 'recount'",
                "DELETE FROM erp.audit_log WHERE action = 'import'",
                // order_events: one write into each partition after the snapshot, besides 7006 in 2026 above
                "INSERT INTO erp.order_events VALUES (7005, 4002, '2025-12-31 23:59:59.9+00', 'paid', NULL), "
                        + "(7007, 4002, '2027-01-04 07:00:00+00', 'reminder', '{\"via\": \"e-mail\"}')",
                "UPDATE erp.order_events SET payload = '{\"method\": \"card\", \"3ds\": true}' WHERE event_id = 7002",
                "DELETE FROM erp.order_events WHERE event_id = 7004");
    }

    /** The source config's own {@code table.include.list}: what the team captures. */
    private static List<String> capturedTables() {
        return Arrays.stream(ConnectorFixture.load(SOURCE).template().get("table.include.list").split(","))
                .map(String::strip).toList();
    }


    /** Per captured table, its changelog's events by op in alphabetical order: "D=1, I=6, U=2". */
    private static Map<String, String> opCounts(Lake lake, Pipeline pipeline) {
        String union = EVENTS.keySet().stream().map(table -> "SELECT '" + table + "' AS t, _cdc.op AS op, count(*) AS n "
                + "FROM " + pipeline.icebergTable(table) + " GROUP BY _cdc.op").collect(Collectors.joining(" UNION ALL "));
        Map<String, List<String>> ops = new TreeMap<>();
        for (Row row : lake.rows("SELECT t, op, n FROM (" + union + ") ORDER BY t, op")) {
            ops.computeIfAbsent(row.getString(0), t -> new ArrayList<>()).add(row.getString(1) + "=" + row.getLong(2));
        }
        Map<String, String> counts = new LinkedHashMap<>();
        EVENTS.keySet().forEach(t -> counts.put(t, String.join(", ", ops.getOrDefault(t, List.of()))));
        return counts;
    }
}
