package io.cdclab.scenarios;

import io.cdclab.junit.CdcLab;
import io.cdclab.lake.Changelog;
import io.cdclab.lake.Lake;
import io.cdclab.lake.Materializer;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.cdclab.scenarios.ScenarioPages.CHANGE_SEMANTICS;
import static org.assertj.core.api.Assertions.assertThat;

/** Scenarios C1-C5 of SCENARIOS.md: what the change events mean, and whether the lake's state can be rebuilt. */
@CdcLab(kafkaPartitions = 6, shared = true)
class ChangeSemanticsScenariosTest {
    static final ScenarioFinding C3 = ScenarioFinding.of("C3", "schema change mid-stream", """
            With schema evolution on, ADD COLUMN, int to bigint and real to double precision flow mid-stream; rows
            written before read the new column as NULL, and the mirror reconciles.""");
    static final ScenarioFinding C5 = ScenarioFinding.of("C5", "large values (TOAST)", """
            An unchanged TOASTed value arrives as __debezium_unavailable_value under the default replica identity and
            a plain MERGE writes it over the real value; carrying the last value forward or REPLICA IDENTITY FULL
            keeps it.""");

    /** A section per lake, so the Glue run of these scenarios sits beside the JDBC one instead of replacing it. */
    /** What a section's heading adds when the scenario ran on the Glue lake. */
    static String onLake(RunningTopology lab) {
        return lab.topology().lake() == LakeKind.GLUE ? " (Glue lake)" : "";
    }

    @Test
    void c1_snapshotThenStream_existingRowsArriveAsReadsLaterChangesAsCreatesUpdatesDeletes(RunningTopology lab) {
        Scenario.Capture c1 = Scenario.on(lab).given(
                        "CREATE TABLE public.c1_orders (id bigint PRIMARY KEY, item text NOT NULL, qty int NOT NULL)",
                        "INSERT INTO c1_orders SELECT g, 'item-' || g, g % 7 FROM generate_series(1, 25) g")
                .capture("c1", "public.c1_orders")
                // Tabular's sink upserts with these; Apache Iceberg's has neither key, and Connect passes unknown keys
                // on silently: the table below stays append-only (check's upsert-setting-ignored rule rests on this).
                .sinkConfig("iceberg.tables.upsert-mode-enabled", "true")
                .sinkConfig("iceberg.tables.cdc-field", "_cdc.op")
                .start();

        lab.source().execute(
                "INSERT INTO c1_orders SELECT g, 'item-' || g, 1 FROM generate_series(26, 30) g",
                "UPDATE c1_orders SET qty = qty + 100 WHERE id IN (1, 26, 27)",
                "DELETE FROM c1_orders WHERE id IN (2, 28)");
        // 25 snapshot reads, 5 creates, 3 updates, 2 deletes and their 2 tombstones.
        List<ChangeEvent> events = c1.events("c1_orders", 37);

        assertThat(events).hasSize(37);
        assertThat(idsWithOp(events, "r")).containsExactlyElementsOf(range(1, 25));
        assertThat(idsWithOp(events, "c")).containsExactlyElementsOf(range(26, 30));
        assertThat(idsWithOp(events, "u")).containsExactly(1L, 26L, 27L);
        assertThat(idsWithOp(events, "d")).containsExactly(2L, 28L);
        assertThat(events).filteredOn(e -> e.op().equals("r"))
                .allSatisfy(e -> assertThat(e.source().path("snapshot").asText()).isIn("true", "first", "last", "first_in_data_collection", "last_in_data_collection"));
        assertThat(events).filteredOn(e -> !e.op().equals("r") && !e.isTombstone())
                .allSatisfy(e -> assertThat(e.source().path("snapshot").asText()).isEqualTo("false"));
        // Per key, the snapshot read comes before the streamed change (same partition, lower offset).
        Map<Long, List<String>> opsPerKey = events.stream().collect(Collectors.groupingBy(
                e -> e.keyFields().get("id").asLong(), Collectors.mapping(ChangeEvent::op, Collectors.toList())));
        assertThat(opsPerKey.get(1L)).containsExactly("r", "u");
        assertThat(opsPerKey.get(2L)).containsExactly("r", "d", "tombstone");
        assertThat(opsPerKey.get(28L)).containsExactly("c", "d", "tombstone");

        Lake lake = lab.lake();
        String table = c1.awaitLake("c1_orders", 35);
        // The Iceberg sink's DebeziumTransform maps both r and c to I: in the lake a snapshot read is an insert.
        // One row per change although upsert mode was asked for: updated and deleted keys hold several rows.
        assertThat(lake.rows("SELECT _cdc.op, count(*) FROM " + table + " GROUP BY _cdc.op ORDER BY 1"))
                .extracting(r -> r.getString(0) + "=" + r.getLong(1))
                .as("iceberg.tables.upsert-mode-enabled=true ignored: append-only")
                .containsExactly("D=2", "I=30", "U=3");
        assertThat(lake.rows("SELECT id FROM " + table + " WHERE _cdc.op = 'I' GROUP BY id HAVING count(*) > 1"))
                .as("rows inserted twice").isEmpty();
        assertThat(connectorConfig(lab, c1.pipeline().sink().name()))
                .as("the running sink holds the upsert settings it ignored").contains("\"iceberg.tables.upsert-mode-enabled\":\"true\"");

        Reconciliation reconciliation = c1.reconcile("SELECT id, item, qty FROM c1_orders", "c1_orders", "id");
        assertThat(reconciliation.matches()).as(reconciliation.summary()).isTrue();
        assertThat(reconciliation.sourceRows()).isEqualTo(28);
    }

    @Test
    void c2_currentState_mergeIntoMirrorOrderedByLsnMatchesPostgresRowByRowAndCatchesPlantedDifferences(RunningTopology lab) {
        CurrentStateScenario.c2(lab, CHANGE_SEMANTICS); // shared with the external backend's run (ExternalBackendE1Test)
    }

    @Test
    void c3_schemaChange_addColumnAndWidenedTypesMidStream_icebergEvolvesAndOldAndNewRowsReadCorrectly(RunningTopology lab) {
        Scenario.Capture c3 = Scenario.on(lab).given(
                        "CREATE TABLE public.c3_items (id int PRIMARY KEY, qty int NOT NULL, price real)",
                        "INSERT INTO c3_items SELECT g, g, g + 0.5 FROM generate_series(1, 5) g")
                .capture("c3", "public.c3_items").changelog().start();
        Lake lake = lab.lake();
        lab.source().execute("INSERT INTO c3_items VALUES (6, 6, 6.5), (7, 7, 7.5)");
        String changelog = c3.awaitLake("public.c3_items", 7);
        Map<String, String> before = sparkTypes(lake, changelog);
        String mirror = c3.lakeTable("c3_items_mirror");
        Materializer materializer = Materializer.of(lake, changelog, List.of("id"));
        materializer.mergeInto(mirror);   // the mirror exists before the change, so it must evolve too

        lab.source().execute(
                "ALTER TABLE c3_items ADD COLUMN note text",
                "INSERT INTO c3_items VALUES (8, 8, 8.5, 'new row, new column')",
                "UPDATE c3_items SET note = 'old row, new column' WHERE id = 1",
                "ALTER TABLE c3_items ALTER COLUMN qty TYPE bigint, ALTER COLUMN price TYPE double precision",
                "INSERT INTO c3_items VALUES (9, 5000000000, 0.1, 'past int range')",
                "UPDATE c3_items SET qty = 3000000000 WHERE id = 2",
                "DELETE FROM c3_items WHERE id = 3");
        c3.awaitLake("public.c3_items", 12);
        Map<String, String> after = sparkTypes(lake, changelog);

        assertThat(before).containsEntry("qty", "INT").containsEntry("price", "FLOAT").doesNotContainKey("note");
        assertThat(after).as("Iceberg schema after ADD COLUMN and the widening")
                .containsEntry("qty", "BIGINT").containsEntry("price", "DOUBLE").containsEntry("note", "STRING");
        assertThat(lake.rows("SELECT count(*) FROM " + changelog + " WHERE id <= 7 AND __op IN ('r', 'c') AND note IS NULL")
                .get(0).getLong(0)).as("rows written before the column existed read it as NULL").isEqualTo(7);
        assertThat(lake.rows("SELECT qty FROM " + changelog + " WHERE id = 6 AND __op = 'c'").get(0).getLong(0))
                .as("an int written before the widening reads back as the same bigint").isEqualTo(6L);

        materializer.mergeInto(mirror);
        assertThat(sparkTypes(lake, mirror)).as("the mirror evolved with the changelog")
                .containsEntry("qty", "BIGINT").containsEntry("price", "DOUBLE").containsEntry("note", "STRING");
        Reconciliation r = reconcile(lab, "c3_items", mirror);
        assertThat(r.matches()).as(r.summary()).isTrue();
        assertThat(r.sourceRows()).isEqualTo(8);

        CHANGE_SEMANTICS.section(C3, onLake(lab))
                .paragraph("ADD COLUMN note text, then ALTER COLUMN qty int -> bigint and price real -> double precision, "
                        + "with iceberg.tables.evolve-schema-enabled=true. Debezium sends the new row schema with the "
                        + "next change; the sink adds the column and promotes the types (both are Iceberg-legal "
                        + "promotions). Rows written before read the new column as NULL and old ints as bigints; the "
                        + "mirror (MERGE INTO) follows the same evolution and reconciles: " + r.summary())
                .table("Changelog columns (Spark types) before and after", List.of("column", "before", "after"),
                        after.keySet().stream().filter(c -> !Changelog.isMetadata(c))
                                .map(c -> List.<Object>of(c, before.getOrDefault(c, "-"), after.get(c))).toList());
        CHANGE_SEMANTICS.write();
    }

    @Test
    void c5_largeValues_unchangedToastedColumnIsAPlaceholderUnderDefaultReplicaIdentityButNotUnderFull(RunningTopology lab) {
        String body = "(SELECT string_agg(md5(g::text || random()::text), '') FROM generate_series(1, 250) g)";
        for (String table : List.of("c5_default", "c5_full")) {
            lab.source().execute(
                    "CREATE TABLE public." + table + " (id int PRIMARY KEY, counter int NOT NULL, body text)",
                    // EXTERNAL: stored out of line, uncompressed, so 8000 characters are certainly TOASTed.
                    "ALTER TABLE " + table + " ALTER COLUMN body SET STORAGE EXTERNAL",
                    "INSERT INTO " + table + " SELECT g, 0, " + body + " FROM generate_series(1, 3) g");
        }
        lab.source().execute("ALTER TABLE c5_full REPLICA IDENTITY FULL");
        Scenario.Capture c5 = Scenario.on(lab).capture("c5", "public.c5_default", "public.c5_full").changelog().start();
        lab.source().execute(
                "UPDATE c5_default SET counter = counter + 1", "UPDATE c5_full SET counter = counter + 1",
                "UPDATE c5_default SET body = 'short now', counter = 2 WHERE id = 3");
        Lake lake = lab.lake();
        String defaultLog = c5.awaitLake("public.c5_default", 7);
        String fullLog = c5.awaitLake("public.c5_full", 6);

        String counterUpdates = " WHERE __op = 'u' AND counter = 1 ORDER BY id";
        assertThat(lake.rows("SELECT body FROM " + defaultLog + counterUpdates)).extracting(r -> r.getString(0))
                .as("default replica identity: the unchanged TOASTed value is not in the WAL record")
                .containsOnly(Materializer.DEBEZIUM_UNAVAILABLE).hasSize(3);
        assertThat(lake.rows("SELECT length(body) FROM " + fullLog + counterUpdates)).extracting(r -> r.getInt(0))
                .as("REPLICA IDENTITY FULL: the old row is logged whole, Debezium fills the value in")
                .containsExactly(8000, 8000, 8000);

        Reconciliation naive = reconcileMerged(lab, Materializer.of(lake, defaultLog, List.of("id")),
                "c5_default", c5.lakeTable("c5_default_naive"));
        assertThat(naive.differingColumns()).as("a plain merge writes the placeholder over the real value")
                .containsExactly(Map.entry("body", 2));
        Reconciliation carried = reconcileMerged(lab, Materializer.of(lake, defaultLog, List.of("id"))
                .carryForwardUnavailable(Materializer.DEBEZIUM_UNAVAILABLE), "c5_default", c5.lakeTable("c5_default_carried"));
        assertThat(carried.matches()).as(carried.summary()).isTrue();
        Reconciliation full = reconcileMerged(lab, Materializer.of(lake, fullLog, List.of("id")),
                "c5_full", c5.lakeTable("c5_full_mirror"));
        assertThat(full.matches()).as(full.summary()).isTrue();

        CHANGE_SEMANTICS.section(C5, onLake(lab))
                .paragraph("A text column of 8000 characters stored out of line (STORAGE EXTERNAL), then an UPDATE "
                        + "that leaves it unchanged. PostgreSQL does not log an unchanged TOASTed value; under the "
                        + "default replica identity Debezium emits '" + Materializer.DEBEZIUM_UNAVAILABLE + "' instead, "
                        + "and a plain MERGE writes that placeholder over the real value. With REPLICA IDENTITY FULL "
                        + "the old row is logged whole (more WAL per update) and the value arrives. A careful "
                        + "materialisation can also carry the last real value forward (Materializer.carryForwardUnavailable), "
                        + "which works as long as that value is in the changelog or the mirror.")
                .table("Reconciliation against PostgreSQL", List.of("table / materialisation", "result"), List.of(
                        List.of("default identity, plain MERGE", naive.summary()),
                        List.of("default identity, placeholder carried forward", carried.summary()),
                        List.of("REPLICA IDENTITY FULL, plain MERGE", full.summary())));
        CHANGE_SEMANTICS.write();
    }

    private static Reconciliation reconcileMerged(RunningTopology lab, Materializer materializer, String table, String mirror) {
        materializer.mergeInto(mirror);
        return reconcile(lab, table, mirror);
    }

    /** The config Connect holds for a connector ({@code GET /connectors/<name>/config}), as JSON text. */
    private static String connectorConfig(RunningTopology lab, String connector) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(lab.connect().baseUri().resolve("/connectors/" + connector + "/config"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            return response.body().replace(" ", "");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET /connectors/" + connector + "/config failed: " + e, e);
        }
    }

    static Map<String, String> sparkTypes(Lake lake, String table) {
        Map<String, String> types = new LinkedHashMap<>();
        for (StructField f : lake.sql("SELECT * FROM " + table + " LIMIT 0").schema().fields()) {
            types.put(f.name(), f.dataType().sql());
        }
        return types;
    }

    static Reconciliation reconcile(RunningTopology lab, String table, String mirror) {
        return Reconciler.compare(lab.source().query("SELECT * FROM " + table),
                lab.lake().rowsAsMaps("SELECT * FROM " + mirror), keyOf(lab, table));
    }

    /** The primary-key columns of a PostgreSQL table, in key order. */
    static List<String> keyOf(RunningTopology lab, String table) {
        return lab.source().query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                        + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'public." + table + "'::regclass AND i.indisprimary")
                .stream().map(m -> (String) m.get("attname")).toList();
    }

    private static List<Long> idsWithOp(List<ChangeEvent> events, String op) {
        return events.stream().filter(e -> e.op().equals(op)).map(e -> e.keyFields().get("id").asLong())
                .sorted().toList();
    }

    private static List<Long> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (long) i).toList();
    }
}
