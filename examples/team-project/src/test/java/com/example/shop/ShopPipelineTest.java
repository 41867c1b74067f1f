package com.example.shop;

import io.cdclab.connect.ConnectorFixture;
import io.cdclab.junit.CdcLab;
import io.cdclab.lake.ChangelogLayout;
import io.cdclab.lake.Lake;
import io.cdclab.lake.Materializer;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.pipeline.SqlScript;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import io.cdclab.verify.SourceRows;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's production pipeline, tested before it is deployed: our schema (db/schema.sql) and our two connector
 * configs (connect/*.json), run by the lab on a real PostgreSQL, Kafka, Connect worker, Iceberg catalog and Spark.
 * After a day's worth of writes in miniature, every keyed table in the lake must equal PostgreSQL row by row.
 */
@CdcLab(kafkaPartitions = 3)
class ShopPipelineTest {
    private static final Duration LANDING = Duration.ofSeconds(120);

    /** Where our sink config puts each event's metadata: add.fields.prefix=chg_ and InsertField chg_offset. */
    private static final ChangelogLayout SHOP_CHANGELOG =
            new ChangelogLayout("chg_op", "d", "chg_lsn", "chg_offset", "chg_");

    /** A keyed table, its primary key as db/schema.sql declares it, and its rows after the writes below. */
    private record Keyed(String table, List<String> key, int rows) {
    }

    private static final List<Keyed> KEYED_TABLES = List.of(
            new Keyed("shop.customers", List.of("customer_id"), 3),
            new Keyed("shop.orders", List.of("order_id"), 2),
            new Keyed("shop.order_lines", List.of("order_id", "line_no"), 4));

    @Test
    void everyChangeReachesTheLake_andEveryKeyedTableEqualsPostgres(RunningTopology lab) {
        SqlScript.load(Path.of("db/schema.sql")).runOn(lab.source());
        Pipeline pipeline = lab.pipeline("shop")
                .tables("shop.customers", "shop.orders", "shop.order_lines", "shop.page_views")
                .sourceFixture(ConnectorFixture.load(Path.of("connect/shop-source.json")))
                .sinkFixture(ConnectorFixture.load(Path.of("connect/shop-sink.json")))
                .set("shop.snapshot.mode", "initial")   // our own placeholder; production sets it per environment
                .start();
        assertThat(pipeline.source().get("database.password"))
                .as("the password stays a reference the Connect worker resolves, never a value in the config")
                .isEqualTo("${env:CDC_LAB_POSTGRES_PASSWORD}");
        assertThat(lab.workerSecretVariables()).contains("CDC_LAB_POSTGRES_PASSWORD");

        // The application at work, after the snapshot of the schema's starting rows.
        lab.source().execute("INSERT INTO shop.customers VALUES (4, 'lars@example.com', 'Lars Berg', 'NO', false)");
        lab.source().executeInTransaction(   // an order and its lines in one transaction, as checkout writes them
                "INSERT INTO shop.orders VALUES (102, 4, 'placed', 47.50)",
                "INSERT INTO shop.order_lines VALUES (102, 1, 'MUG-RED', 1, 12.50), (102, 2, 'TEA-500G', 1, 35.00)");
        lab.source().execute(
                "UPDATE shop.customers SET vip = true WHERE customer_id = 1",
                "UPDATE shop.customers SET email = 'ines.faure@example.com' WHERE customer_id = 3",
                "UPDATE shop.orders SET status = 'shipped' WHERE order_id = 100",
                "UPDATE shop.order_lines SET quantity = 2 WHERE order_id = 100 AND line_no = 2",
                "UPDATE shop.orders SET status = 'paid' WHERE order_id = 101",
                "DELETE FROM shop.orders WHERE order_id = 101",            // its line goes too (ON DELETE CASCADE)
                "DELETE FROM shop.customers WHERE customer_id = 3",
                "INSERT INTO shop.page_views (customer_id, path) VALUES (4, '/'), (4, '/tea'), (4, '/checkout'), "
                        + "(1, '/account'), (NULL, '/mugs')");

        Lake lake = lab.lake();
        // One changelog row per change event: snapshot reads (r), inserts (c), updates (u), deletes (d).
        Map<String, String> expectedEvents = Map.of(
                "shop.customers", "c=1, d=1, r=3, u=2",
                "shop.orders", "c=1, d=1, r=2, u=2",
                "shop.order_lines", "c=2, d=1, r=3, u=1",
                "shop.page_views", "c=5, r=3");
        expectedEvents.forEach((table, ops) -> {
            String changelog = pipeline.icebergTable(table);
            lake.awaitRows(changelog, eventCount(ops), LANDING);
            assertThat(opCounts(lake, changelog)).as("change events of " + table + " in " + changelog).isEqualTo(ops);
        });

        for (Keyed keyed : KEYED_TABLES) {
            List<Map<String, Object>> postgres = SourceRows.read(lab.source(), "SELECT * FROM " + keyed.table());
            Materializer current = Materializer.of(lake, pipeline.icebergTable(keyed.table()), keyed.key(), SHOP_CHANGELOG);
            assertThat(current.dataColumns().keySet()).as(keyed.table() + ": the lake has our columns (besides chg_*)")
                    .containsExactlyInAnyOrderElementsOf(postgres.get(0).keySet());
            Reconciliation r = Reconciler.compare(postgres, lake.rowsAsMaps(current.currentStateSql()), keyed.key());
            assertThat(r.matches()).as(keyed.table() + " in PostgreSQL vs its current state in the lake: " + r.summary())
                    .isTrue();
            assertThat(r.sourceRows()).as(keyed.table() + " rows").isEqualTo(keyed.rows());
        }
        assertThat(lake.rowsAsMaps("SELECT customer_id FROM " + pipeline.icebergTable("shop.customers") + " WHERE "
                + "chg_op = 'd'")).as("the deleted customer's key is in its delete event")
                .containsExactly(Map.of("customer_id", 3L));

        // page_views has no key to match rows by: each view must have arrived once, as an insert or snapshot read.
        String views = pipeline.icebergTable("shop.page_views");
        assertThat(lake.rows("SELECT coalesce(cast(customer_id AS string), '-') || ' ' || path FROM " + views
                        + " WHERE chg_op IN ('r', 'c')").stream().map(row -> row.getString(0)).toList())
                .containsExactlyInAnyOrderElementsOf(lab.source().query("SELECT coalesce(customer_id::text, '-') "
                        + "|| ' ' || path AS v FROM shop.page_views").stream().map(row -> (String) row.get("v")).toList());
    }

    /** "c=1, d=1, r=3, u=2" for a changelog, ops in alphabetical order. */
    private static String opCounts(Lake lake, String changelog) {
        return String.join(", ", lake.rows("SELECT chg_op, count(*) FROM " + changelog + " GROUP BY chg_op ORDER BY 1")
                .stream().map(row -> row.getString(0) + "=" + row.getLong(1)).toList());
    }

    private static long eventCount(String ops) {
        long n = 0;
        for (String op : ops.split(", ")) {
            n += Long.parseLong(op.substring(op.indexOf('=') + 1));
        }
        return n;
    }
}
