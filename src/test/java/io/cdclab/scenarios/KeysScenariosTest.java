package io.cdclab.scenarios;

import io.cdclab.connect.InvalidConnectorConfigException;
import io.cdclab.errors.SourceSqlException;
import io.cdclab.junit.CdcLab;
import io.cdclab.pipeline.SqlScript;
import io.cdclab.report.LabReport.Verdict;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.KeyOrder;
import io.cdclab.verify.PartitionRule;
import io.cdclab.verify.PartitionSpread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.cdclab.scenarios.ScenarioPages.KEYS_PARTITIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Scenarios K1-K6 of SCENARIOS.md: what Debezium puts in the Kafka key, and where that sends each event. */
@CdcLab(kafkaPartitions = 6, shared = true)
class KeysScenariosTest {
    static final ScenarioFinding K1 = ScenarioFinding.of("K1", "keyed table", """
            Every keyed event lands in the partition murmur2 of its serialized key gives and a key never moves; the
            current state rebuilt from the lake equals PostgreSQL row by row.""");
    static final ScenarioFinding K2 = ScenarioFinding.of("K2", "composite key", """
            The Kafka key is a struct of both primary-key columns, in key order; every event of a key, tombstone
            included, stays in the partition murmur2 of the serialized key gives.""")
            .tests("Debezium pushes a table's primary key (could be composite) as the Kafka message key", Verdict.CONFIRMED);
    static final ScenarioFinding K3 = ScenarioFinding.of("K3", "keyless table, default replica identity", """
            Inserts flow with a null key, but once the table is in the connector's publication PostgreSQL refuses
            every application's UPDATE and DELETE on it (SQLSTATE 55000); REPLICA IDENTITY FULL, USING INDEX or an
            insert-only publication fix it.""")
            .tests("Without a PK or unique key the message key is sent as null.", Verdict.NUANCED, """
                    Before any key is sent, PostgreSQL refuses the application's own UPDATE and DELETE on a keyless
                    table in the publication (SQLSTATE 55000); REPLICA IDENTITY FULL or USING INDEX fixes it.""",
                    "K4", "K6");
    static final ScenarioFinding K4 = ScenarioFinding.of("K4", "keyless table, REPLICA IDENTITY FULL", """
            Updates and deletes flow with null keys and the whole old row; the sticky partitioner spreads one row's
            insert, update and delete over partitions, so their order is gone from Kafka.""");
    static final ScenarioFinding K5 = ScenarioFinding.of("K5", "keyless table with message.key.columns", """
            message.key.columns builds a stable key from the named column, but PostgreSQL still refuses UPDATE and
            DELETE on the published table until it has a replica identity.""")
            .tests("Debezium can add keys manually (message.key.columns) for tables missing constraints.",
                    Verdict.NUANCED, """
                            The key is built and stable, but it does not fix the replica identity error: UPDATE and
                            DELETE still need REPLICA IDENTITY FULL or an index.""");
    static final ScenarioFinding K6 = ScenarioFinding.of("K6", "unique index instead of primary key", """
            A unique index on NOT NULL columns set as the replica identity becomes the Kafka key; updates and deletes
            work and each key stays in its murmur2 partition.""")
            .tests("Debezium pushes a table's primary key or unique key as the Kafka message key", Verdict.CONFIRMED);

    @BeforeAll
    static void createKeyShapeTables(RunningTopology lab) {
        SqlScript.builtIn("key-shapes").runOn(lab.source());
    }

    @Test
    void k1_keyedTable_insertUpdateDelete_keyedEventsStayInTheirPartitionAndStateMatches(RunningTopology lab) {
        KeyedTableScenario.k1(lab); // shared with the external backend's run (ExternalBackendE1Test)
    }

    @Test
    void badInput_connectorConfigThatConnectRejects_errorCarriesConnectsMessage(RunningTopology lab) {
        Scenario.CaptureSpec invalid = Scenario.on(lab).given("CREATE TABLE public.bad_config (id int PRIMARY KEY)")
                .capture("bad-config", "public.bad_config").sourceConfig("key.converter", "com.example.NoSuchConverter");

        assertThatThrownBy(invalid::start)
                .isInstanceOf(InvalidConnectorConfigException.class)
                .hasMessageContaining("bad-config-source")
                .hasMessageContaining("key.converter")
                .hasMessageContaining("com.example.NoSuchConverter");
        assertThat(lab.connect().connectors()).doesNotContain("bad-config-source");
    }

    @Test
    void k2_compositeKey_keyHoldsBothColumnsAndEachKeyStaysInItsPartition(RunningTopology lab) {
        Scenario.Capture k2 = Scenario.on(lab).capture("k2", "public.k2_order_lines").withoutSink().start();
        lab.source().execute(
                "INSERT INTO k2_order_lines SELECT o, l, 'sku-' || (o * 10 + l), l FROM generate_series(1, 30) o, generate_series(1, 3) l",
                "UPDATE k2_order_lines SET qty = qty + 1 WHERE line_no = 2",
                "DELETE FROM k2_order_lines WHERE order_id = 7");
        // Each delete is followed by its tombstone.
        List<ChangeEvent> events = exactlyTheseChanges(k2, "k2_order_lines", Map.of("c", 90L, "u", 30L, "d", 3L, "tombstone", 3L));
        int partitions = lab.topology().kafkaPartitions();

        KeyOrder<String> order = keyedByInTheirPartitions(events, partitions, "order_id", "line_no");
        assertThat(events).filteredOn(e -> !e.isTombstone()).allSatisfy(e -> {
            assertThat(e.keyFields().get("order_id").asInt()).isEqualTo(e.row().get("order_id").asInt());
            assertThat(e.keyFields().get("line_no").asInt()).isEqualTo(e.row().get("line_no").asInt());
        });
        assertThat(order.keys()).isEqualTo(90);
        assertThat(order.keysOutOfLsnOrderWithinPartitions()).isEmpty();
        PartitionSpread spread = PartitionSpread.of(events, partitions);
        assertThat(spread.partitionsUsed()).as("90 composite keys over %d partitions: %s", partitions, spread).isGreaterThan(1);

        KEYS_PARTITIONS.section(K2)
                .paragraph("Primary key (order_id, line_no): Debezium's Kafka key is a struct of both columns, and the"
                        + " built-in partitioner hashes its serialized JSON, so every event of one order line, tombstone"
                        + " included, lands in the partition murmur2 of that key gives.")
                .figures("K2 measured", Map.of("events", events.size(), "keys", order.keys(),
                        "keys in more than one partition", order.keysInSeveralPartitions().size(),
                        "events off their key's murmur2 partition", 0, "partitions used", spread.partitionsUsed()))
                .barChart("K2: events per partition (composite key, built-in partitioner)", spread.bars(""));
        KEYS_PARTITIONS.write();
    }

    @Test
    void k3_keylessTable_defaultReplicaIdentity_postgresRefusesUpdateAndDeleteOncePublished(RunningTopology lab) {
        lab.source().execute("INSERT INTO k3_page_views VALUES ('/home', 'v1', 3), ('/docs', 'v2', 5)",
                "UPDATE k3_page_views SET seconds = seconds + 1 WHERE url = '/home'"); // fine before any publication
        Scenario.Capture k3 = Scenario.on(lab).capture("k3", "public.k3_page_views").withoutSink().start();
        lab.source().execute("INSERT INTO k3_page_views VALUES ('/blog', 'v3', 7)");

        List<ChangeEvent> inserts = k3.events("k3_page_views", 3);
        assertThat(inserts).extracting(ChangeEvent::op).containsExactlyInAnyOrder("r", "r", "c");
        assertThat(inserts).allSatisfy(e -> assertThat(e.hasNullKey()).as("key of %s", e).isTrue());

        // The connector's publication publishes updates and deletes: PostgreSQL now refuses the application's own writes.
        SourceSqlException update = catchThrowableOfType(SourceSqlException.class,
                () -> lab.source().execute("UPDATE k3_page_views SET seconds = 0 WHERE url = '/docs'"));
        SourceSqlException delete = catchThrowableOfType(SourceSqlException.class,
                () -> lab.source().execute("DELETE FROM k3_page_views WHERE url = '/docs'"));
        assertThat(update).as("UPDATE on a published keyless table").isNotNull();
        assertThat(update.sqlState()).isEqualTo("55000");
        assertThat(update.serverMessage()).contains(
                "cannot update table \"k3_page_views\" because it does not have a replica identity and publishes updates");
        assertThat(delete).as("DELETE on a published keyless table").isNotNull();
        assertThat(delete.serverMessage()).contains(
                "cannot delete from table \"k3_page_views\" because it does not have a replica identity and publishes deletes");
        assertThat(lab.source().query("SELECT seconds FROM k3_page_views WHERE url = '/docs'"))
                .as("the refused UPDATE changed nothing").extracting(r -> ((Number) r.get("seconds")).intValue()).containsExactly(5);

        // Fix 1: REPLICA IDENTITY FULL. The same UPDATE and DELETE now work and flow, with the whole old row.
        lab.source().execute("ALTER TABLE k3_page_views REPLICA IDENTITY FULL",
                "UPDATE k3_page_views SET seconds = 0 WHERE url = '/docs'",
                "DELETE FROM k3_page_views WHERE url = '/blog'");
        List<ChangeEvent> afterFix = k3.events("k3_page_views", 5);
        ChangeEvent fixedUpdate = afterFix.stream().filter(e -> e.op().equals("u")).findFirst().orElseThrow();
        assertThat(fixedUpdate.hasNullKey()).isTrue();
        assertThat(fixedUpdate.before().get("seconds").asInt()).isEqualTo(5);
        assertThat(fixedUpdate.after().get("seconds").asInt()).isZero();
        assertThat(afterFix).filteredOn(e -> e.op().equals("d")).singleElement()
                .satisfies(d -> assertThat(d.before().get("url").asText()).isEqualTo("/blog"));

        // Fix 2: an insert-only publication for an append-only table: updates and deletes work and are not captured.
        Scenario.Capture audit = Scenario.on(lab)
                .given("CREATE PUBLICATION cdc_k3_audit FOR TABLE public.k3_audit_log WITH (publish = 'insert')")
                .capture("k3-audit", "public.k3_audit_log").withoutSink()
                .sourceConfig("publication.autocreate.mode", "disabled").start();
        lab.source().execute("INSERT INTO k3_audit_log VALUES ('ada', 'login'), ('brian', 'login')",
                "UPDATE k3_audit_log SET action = 'logout' WHERE actor = 'ada'",
                "DELETE FROM k3_audit_log WHERE actor = 'brian'",
                "INSERT INTO k3_audit_log VALUES ('chen', 'last')");
        List<ChangeEvent> auditEvents = audit.events("k3_audit_log", 3);
        assertThat(auditEvents).extracting(e -> e.op() + ":" + e.after().get("actor").asText() + ":" + e.after().get("action").asText())
                .containsExactly("c:ada:login", "c:brian:login", "c:chen:last");
        assertThat(lab.source().query("SELECT actor, action FROM k3_audit_log ORDER BY actor"))
                .extracting(r -> r.get("actor") + ":" + r.get("action")).containsExactly("ada:logout", "chen:last");

        KEYS_PARTITIONS.section(K3)
                .paragraph("A table without primary key or unique index: inserts flow with a null Kafka key. Once the"
                        + " connector's publication (Debezium creates it with publish = insert, update, delete, truncate)"
                        + " includes the table, PostgreSQL itself refuses every UPDATE and DELETE on it, for every"
                        + " application, not only for the pipeline. PostgreSQL's words (SQLSTATE " + update.sqlState() + "):")
                .paragraph(update.serverMessage())
                .paragraph(delete.serverMessage())
                .paragraph("Fixes shown by the test: (1) ALTER TABLE ... REPLICA IDENTITY FULL: the UPDATE and DELETE"
                        + " then work and flow with the whole old row and a null key; (2) an insert-only publication"
                        + " (CREATE PUBLICATION ... WITH (publish = 'insert'), connector with publication.autocreate.mode"
                        + " = disabled) for append-only tables: writes work, only inserts are captured; (3) Debezium's"
                        + " message.key.columns gives the events a key but does not make PostgreSQL accept the writes"
                        + " (K5); a primary key or REPLICA IDENTITY USING INDEX (K6) does both.");
        KEYS_PARTITIONS.write();
    }

    @Test
    void k4_keylessTable_replicaIdentityFull_updatesAndDeletesFlowWithNullKeysAndFullBeforeImage(RunningTopology lab) {
        Scenario.Capture k4 = Scenario.on(lab).capture("k4", "public.k4_sensor_readings").withoutSink().start();
        lab.source().execute(
                "INSERT INTO k4_sensor_readings SELECT 'sensor-' || g, g, 'n' || g FROM generate_series(1, 300) g",
                "UPDATE k4_sensor_readings SET reading = reading + 1000",
                "DELETE FROM k4_sensor_readings WHERE reading % 6 = 0");
        // Debezium sends a tombstone after each delete even when the key is null: nothing for compaction to act on.
        List<ChangeEvent> events = exactlyTheseChanges(k4, "k4_sensor_readings",
                Map.of("c", 300L, "u", 300L, "d", 50L, "tombstone", 50L));
        List<ChangeEvent> changes = events.stream().filter(e -> !e.isTombstone()).toList();
        int partitions = lab.topology().kafkaPartitions();

        assertThat(events).allSatisfy(e -> assertThat(e.hasNullKey()).as("key of %s", e).isTrue());
        assertThat(changes).filteredOn(e -> !e.op().equals("c")).allSatisfy(e -> {
            assertThat(e.before().get("sensor").asText()).startsWith("sensor-");
            assertThat(e.before().get("note").asText()).startsWith("n");
            assertThat(e.before().get("reading").isInt()).isTrue();
        });
        KeyOrder<String> bySensor = KeyOrder.of(events, e -> e.row().get("sensor").asText());
        assertThat(bySensor.keys()).isEqualTo(300);
        PartitionSpread spread = PartitionSpread.of(changes, partitions);

        KEYS_PARTITIONS.section(K4)
                .paragraph("Updates and deletes flow; every key is null; the before image of an update or delete holds"
                        + " every column. With null keys the built-in partitioner picks a partition per batch (sticky),"
                        + " so one row's insert, update and delete can land in different partitions: no consumer, and"
                        + " no sink, can then tell their order from Kafka offsets.")
                .figures("K4 measured", Map.of("change events", changes.size(),
                        "tombstones (null key, null value)", events.size() - changes.size(),
                        "partitions used", spread.partitionsUsed(),
                        "rows whose events span partitions", bySensor.keysInSeveralPartitions().size() + " of " + bySensor.keys(),
                        "max/min", spread.maxOverMin(), "coefficient of variation", spread.coefficientOfVariation()))
                .barChart("K4: null-key events per partition (300 inserts, 300 updates, 50 deletes)", spread.bars(""));
        KEYS_PARTITIONS.write();
    }

    @Test
    void k5_keylessTable_messageKeyColumns_keyBuiltFromNamedColumnAndStable(RunningTopology lab) {
        Scenario.Capture k5 = Scenario.on(lab).capture("k5", "public.k5_devices").withoutSink()
                .sourceConfig("message.key.columns", "public.k5_devices:serial_no").start();
        lab.source().execute("INSERT INTO k5_devices SELECT 'SN' || lpad(g::text, 4, '0'), 'model-' || (g % 3), 1 FROM generate_series(1, 60) g");

        // The key exists only in Kafka: PostgreSQL still has no replica identity and still refuses updates.
        SourceSqlException refused = catchThrowableOfType(SourceSqlException.class,
                () -> lab.source().execute("UPDATE k5_devices SET firmware = 2 WHERE serial_no = 'SN0001'"));
        assertThat(refused).as("UPDATE with message.key.columns but default replica identity").isNotNull();
        assertThat(refused.serverMessage()).contains("does not have a replica identity and publishes updates");

        lab.source().execute("ALTER TABLE k5_devices REPLICA IDENTITY FULL",
                "UPDATE k5_devices SET firmware = 2 WHERE model = 'model-1'",
                "DELETE FROM k5_devices WHERE serial_no = 'SN0060'");
        List<ChangeEvent> events = exactlyTheseChanges(k5, "k5_devices", Map.of("c", 60L, "u", 20L, "d", 1L, "tombstone", 1L));
        int partitions = lab.topology().kafkaPartitions();

        KeyOrder<String> order = keyedByInTheirPartitions(events, partitions, "serial_no");
        assertThat(events).filteredOn(e -> !e.isTombstone())
                .allSatisfy(e -> assertThat(e.keyFields().get("serial_no").asText()).isEqualTo(e.row().get("serial_no").asText()));
        PartitionSpread spread = PartitionSpread.of(events, partitions);
        assertThat(spread.partitionsUsed()).isGreaterThan(1);

        KEYS_PARTITIONS.section(K5)
                .paragraph("message.key.columns=public.k5_devices:serial_no: Debezium builds the Kafka key from the named"
                        + " column, and each device's events stay in the partition of its key. PostgreSQL does not know"
                        + " about that key: it still refused an UPDATE (\"" + refused.serverMessage().lines().findFirst().orElse("")
                        + "\") until the table got REPLICA IDENTITY FULL.")
                .figures("K5 measured", Map.of("events", events.size(), "keys", order.keys(),
                        "keys in more than one partition", order.keysInSeveralPartitions().size(), "partitions used", spread.partitionsUsed()));
        KEYS_PARTITIONS.write();
    }

    @Test
    void k6_uniqueIndexAsReplicaIdentity_keyIsTheIndexColumns(RunningTopology lab) {
        Scenario.Capture k6 = Scenario.on(lab).capture("k6", "public.k6_accounts").withoutSink().start();
        lab.source().execute(
                "INSERT INTO k6_accounts SELECT 'user' || g || '@example.org', (ARRAY['DE','FR','JP'])[1 + g % 3], 'free' FROM generate_series(1, 45) g",
                "UPDATE k6_accounts SET plan = 'pro' WHERE country = 'JP'",
                "DELETE FROM k6_accounts WHERE email = 'user1@example.org'");
        List<ChangeEvent> events = exactlyTheseChanges(k6, "k6_accounts", Map.of("c", 45L, "u", 15L, "d", 1L, "tombstone", 1L));

        keyedByInTheirPartitions(events, lab.topology().kafkaPartitions(), "email", "country");
        ChangeEvent delete = events.stream().filter(e -> e.op().equals("d")).findFirst().orElseThrow();
        assertThat(delete.before().get("email").asText()).isEqualTo("user1@example.org");

        KEYS_PARTITIONS.section(K6)
                .paragraph("No primary key; a unique index on (email, country), NOT NULL columns, set as the replica"
                        + " identity (REPLICA IDENTITY USING INDEX). Debezium keys the events by the index's columns;"
                        + " PostgreSQL accepts updates and deletes; each key stays in its murmur2 partition. The key's"
                        + " fields: " + String.join(", ", iterable(events.get(0).keyFields().fieldNames())) + ".");
        KEYS_PARTITIONS.write();
    }

    /**
     * The events of {@code table} once the statements' whole mix has arrived, checked to be exactly {@code ops}
     * (operation to count; the tombstone after a delete counts as {@code tombstone}) and nothing more.
     */
    private static List<ChangeEvent> exactlyTheseChanges(Scenario.Capture capture, String table, Map<String, Long> ops) {
        int expected = Math.toIntExact(ops.values().stream().mapToLong(Long::longValue).sum());
        List<ChangeEvent> events = capture.events(table, expected);
        assertThat(events).hasSize(expected);
        assertThat(countBy(events, ChangeEvent::op)).containsExactlyInAnyOrderEntriesOf(ops);
        return events;
    }

    /**
     * Every event's Kafka key is a struct of exactly {@code columns}, in that order; every event, tombstone included,
     * sits in the partition murmur2 of its serialized key gives; no key's events span partitions. Returns the
     * events' order per key, for the report's figures.
     */
    private static KeyOrder<String> keyedByInTheirPartitions(List<ChangeEvent> events, int partitions, String... columns) {
        assertThat(events).allSatisfy(e -> assertThat(e.keyFields().fieldNames()).toIterable()
                .as("key of %s", e).containsExactly(columns));
        assertThat(PartitionRule.murmur2OfKey().violations(events, partitions)).as("events off their key's partition").isEmpty();
        KeyOrder<String> order = KeyOrder.of(events, e -> e.keyFields().toString());
        assertThat(order.keysInSeveralPartitions()).isEmpty();
        return order;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    static <T> Map<T, Long> countBy(List<ChangeEvent> events, Function<ChangeEvent, T> by) {
        return events.stream().collect(Collectors.groupingBy(by, Collectors.counting()));
    }
}
