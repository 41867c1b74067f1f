package io.cdclab.scenarios;

import io.cdclab.junit.CdcLab;
import io.cdclab.report.LabReport.Verdict;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.ChangeEventReader;
import io.cdclab.verify.Reconciliation;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.cdclab.scenarios.ScenarioPages.KEYS_PARTITIONS;
import static io.cdclab.scenarios.KeysScenariosTest.countBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario K7 of SCENARIOS.md: a range-partitioned table captured by its parent's name, under the publication
 * Debezium creates by default and under one that publishes via the partition root. The same table and the same
 * writes go through three pipelines side by side, each with its own slot and publication.
 */
@CdcLab(kafkaPartitions = 6, shared = true)
class PartitionedTableScenariosTest {
    static final ScenarioFinding K7 = ScenarioFinding.of("K7", "partitioned table", """
            Captured by its parent's name under Debezium's default publication, a partitioned table's snapshot arrives
            and every later change is dropped without an error; a publication WITH (publish_via_partition_root =
            true), or publish.via.partition.root=true before Debezium first creates its publication, brings them all.""")
            .tests("A table captured by name streams every change after its snapshot", Verdict.NUANCED, """
                    Not a partitioned table under Debezium's default publication: its snapshot arrives, then every
                    insert and update is dropped without an error. A publication with publish_via_partition_root =
                    true fixes it.""");
    private static final int SNAPSHOT_ROWS = 20;
    private static final int STREAMED_INSERTS = 30;
    private static final int STREAMED_UPDATES = 20;

    @Test
    void k7_partitionedTable_filteredPublicationLosesEveryStreamedChange_viaRootPublicationKeepsThem(RunningTopology lab) {
        Scenario scenario = Scenario.on(lab).given(
                "CREATE TABLE public.k7_readings (id int NOT NULL, taken_on date NOT NULL, sensor text NOT NULL,"
                        + " value numeric(8,2), PRIMARY KEY (id, taken_on)) PARTITION BY RANGE (taken_on)",
                "CREATE TABLE public.k7_readings_2025 PARTITION OF public.k7_readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE public.k7_readings_2026 PARTITION OF public.k7_readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                // A plain table in the same pipelines: its marker row, written last, shows the source is past the writes.
                "CREATE TABLE public.k7_marker (id int PRIMARY KEY, note text)",
                "INSERT INTO k7_readings SELECT g, date '2025-06-01' + g * 11, 'sensor-' || (g % 3), g * 1.25"
                        + " FROM generate_series(1, " + SNAPSHOT_ROWS + ") g",
                // The cure, as a DBA writes it: the publication made by hand, the connector told not to make its own.
                "CREATE PUBLICATION cdc_k7_root FOR TABLE public.k7_readings, public.k7_marker"
                        + " WITH (publish_via_partition_root = true)",
                // A publication that exists already, as after a first start: Debezium's switch does not change it.
                "CREATE PUBLICATION cdc_k7_dbz_existing FOR TABLE public.k7_readings, public.k7_marker");

        // Debezium's default: publication.autocreate.mode=filtered, CREATE PUBLICATION ... FOR TABLE <include list>.
        Scenario.Capture filtered = scenario.capture("k7-filtered", "public.k7_readings", "public.k7_marker").start();
        Scenario.Capture root = scenario.capture("k7-root", "public.k7_readings", "public.k7_marker")
                .sourceConfig("publication.autocreate.mode", "disabled").start();
        // Debezium 3.7's own switch: it then creates its filtered publication WITH (publish_via_partition_root = true).
        Scenario.Capture dbzRoot = scenario.capture("k7-dbz-root", "public.k7_readings", "public.k7_marker")
                .withoutSink().sourceConfig("publish.via.partition.root", "true").start();
        Scenario.Capture dbzExisting = scenario.capture("k7-dbz-existing", "public.k7_readings", "public.k7_marker")
                .withoutSink().sourceConfig("publish.via.partition.root", "true").start();

        lab.source().execute(
                "INSERT INTO k7_readings SELECT g, date '2025-03-01' + g * 9, 'sensor-' || (g % 3), g * 2.5"
                        + " FROM generate_series(" + (SNAPSHOT_ROWS + 1) + ", " + (SNAPSHOT_ROWS + STREAMED_INSERTS) + ") g",
                "UPDATE k7_readings SET value = value + 100 WHERE id % 5 = 0",
                "UPDATE k7_readings SET sensor = 'recalibrated' WHERE id BETWEEN 1 AND 10 AND id % 5 <> 0",
                "UPDATE k7_readings SET sensor = 'moved' WHERE id IN (41, 42)",
                "INSERT INTO k7_marker VALUES (1, 'after the partition writes')");
        int streamed = STREAMED_INSERTS + STREAMED_UPDATES;
        Map<String, Long> perPartition = new LinkedHashMap<>();
        lab.source().query("SELECT tableoid::regclass::text AS p, count(*) AS n FROM k7_readings GROUP BY 1 ORDER BY 1")
                .forEach(r -> perPartition.put((String) r.get("p"), ((Number) r.get("n")).longValue()));
        assertThat(perPartition).as("rows per partition").hasSize(2).containsOnlyKeys("k7_readings_2025", "k7_readings_2026");

        // What PostgreSQL publishes: the partitions under their own names, or the parent.
        assertThat(publishedTables(lab, "cdc_k7_filtered")).containsExactlyInAnyOrder(
                "public.k7_readings_2025", "public.k7_readings_2026", "public.k7_marker");
        assertThat(publishedTables(lab, "cdc_k7_root")).containsExactlyInAnyOrder("public.k7_readings", "public.k7_marker");
        assertThat(publishedTables(lab, "cdc_k7_dbz_root")).containsExactlyInAnyOrder("public.k7_readings", "public.k7_marker");
        assertThat(lab.source().query("SELECT pubname, pubviaroot FROM pg_publication WHERE pubname LIKE 'cdc_k7%' ORDER BY 1"))
                .extracting(r -> r.get("pubname") + "=" + r.get("pubviaroot"))
                .containsExactly("cdc_k7_dbz_existing=false", "cdc_k7_dbz_root=true", "cdc_k7_filtered=false",
                        "cdc_k7_root=true");

        // Filtered: once the marker (written last) is in Kafka, Debezium has read past every partition write.
        filtered.events("k7_marker", 1);
        List<ChangeEvent> filteredEvents = ChangeEventReader.readToEnd(lab.kafkaBootstrapServers(),
                filtered.pipeline().topic("public.k7_readings"), Duration.ofSeconds(60));
        assertThat(countBy(filteredEvents, ChangeEvent::op)).as("the parent's topic under the filtered publication")
                .containsExactlyInAnyOrderEntriesOf(Map.of("r", (long) SNAPSHOT_ROWS));
        assertThat(topicsOf(lab, "cdc_k7_filtered.")).as("no topic for a partition either")
                .containsExactlyInAnyOrder("cdc_k7_filtered.public.k7_readings", "cdc_k7_filtered.public.k7_marker");
        filtered.awaitLake("k7_marker", 1);
        String filteredLake = filtered.awaitLake("k7_readings", SNAPSHOT_ROWS);
        long filteredLakeRows = lab.lake().rows("SELECT count(*) FROM " + filteredLake).get(0).getLong(0);
        assertThat(filteredLakeRows).as("the lake of the filtered pipeline: the snapshot only").isEqualTo(SNAPSHOT_ROWS);
        Reconciliation lost = filtered.reconcile("SELECT id, sensor, value FROM k7_readings", "k7_readings", "id");
        assertThat(lost.matches()).isFalse();
        assertThat(lost.missing()).hasSize(STREAMED_INSERTS);

        // Via the root, by hand: every change under the parent's name, and the lake equals PostgreSQL.
        List<ChangeEvent> rootEvents = root.events("k7_readings", SNAPSHOT_ROWS + streamed);
        assertThat(countBy(rootEvents, ChangeEvent::op)).containsExactlyInAnyOrderEntriesOf(
                Map.of("r", (long) SNAPSHOT_ROWS, "c", (long) STREAMED_INSERTS, "u", (long) STREAMED_UPDATES));
        assertThat(rootEvents).allSatisfy(e -> assertThat(e.source().get("table").asText()).isEqualTo("k7_readings"));
        assertThat(topicsOf(lab, "cdc_k7_root.")).containsExactlyInAnyOrder(
                "cdc_k7_root.public.k7_readings", "cdc_k7_root.public.k7_marker");
        root.awaitLake("k7_readings", SNAPSHOT_ROWS + streamed);
        Reconciliation cured = root.reconcile("SELECT id, sensor, value FROM k7_readings", "k7_readings", "id");
        assertThat(cured.matches()).as(cured.summary()).isTrue();
        assertThat(cured.sourceRows()).isEqualTo(SNAPSHOT_ROWS + STREAMED_INSERTS);

        // Via the root, by Debezium's publish.via.partition.root=true: the same events.
        List<ChangeEvent> dbzEvents = dbzRoot.events("k7_readings", SNAPSHOT_ROWS + streamed);
        assertThat(countBy(dbzEvents, ChangeEvent::op)).containsExactlyInAnyOrderEntriesOf(
                Map.of("r", (long) SNAPSHOT_ROWS, "c", (long) STREAMED_INSERTS, "u", (long) STREAMED_UPDATES));

        // Debezium's switch on a publication that existed before: used as it is, the partitions' changes are lost.
        dbzExisting.events("k7_marker", 1);
        List<ChangeEvent> existingEvents = ChangeEventReader.readToEnd(lab.kafkaBootstrapServers(),
                dbzExisting.pipeline().topic("public.k7_readings"), Duration.ofSeconds(60));
        assertThat(countBy(existingEvents, ChangeEvent::op)).as("publish.via.partition.root=true, publication existing")
                .containsExactlyInAnyOrderEntriesOf(Map.of("r", (long) SNAPSHOT_ROWS));

        KEYS_PARTITIONS.section(K7)
                .paragraph("A table PARTITION BY RANGE (taken_on) with two partitions, captured by its parent's name"
                        + " (table.include.list=public.k7_readings). " + SNAPSHOT_ROWS + " rows before the connectors"
                        + " start, then " + STREAMED_INSERTS + " inserts and " + STREAMED_UPDATES + " updates, all written"
                        + " through the parent and stored in its partitions " + perPartition + ". Three pipelines read the"
                        + " same writes.")
                .paragraph("Debezium's default publication (publication.autocreate.mode=filtered: CREATE PUBLICATION ..."
                        + " FOR TABLE public.k7_readings) publishes the partitions under their own names"
                        + " (pg_publication_tables lists k7_readings_2025 and k7_readings_2026, not the parent). Debezium"
                        + " drops their changes, as tables outside its include list, silently: the parent's topic holds"
                        + " the snapshot's " + SNAPSHOT_ROWS + " reads and nothing else, no topic exists for a partition,"
                        + " and the lake holds " + filteredLakeRows + " rows while PostgreSQL holds " + cured.sourceRows()
                        + " (" + lost.missing().size() + " rows missing, every update lost).")
                .paragraph("With a publication created WITH (publish_via_partition_root = true) and the connector told"
                        + " to use it (publication.name, publication.autocreate.mode=disabled), PostgreSQL publishes"
                        + " every change under the parent's name: " + rootEvents.size() + " events on the parent's topic,"
                        + " and the lake's current state equals PostgreSQL row for row. Debezium 3.7's"
                        + " publish.via.partition.root=true does the same with its own filtered publication ("
                        + dbzEvents.size() + " events), but only when it creates the publication: on a publication that"
                        + " existed without the option it changes nothing, and the parent's topic again held the "
                        + existingEvents.size() + " snapshot reads only (ALTER PUBLICATION ... SET"
                        + " (publish_via_partition_root = true) changes the publication).")
                .paragraph("What each side needs. PostgreSQL: a publication that publishes via the root. Debezium:"
                        + " the parent in table.include.list (not the partitions: a listed partition's changes would go"
                        + " to a topic of its own, under the filtered publication), plugin.name=pgoutput, and either that publication (publication.autocreate.mode="
                        + "disabled) or publish.via.partition.root=true before it first creates its own. The sink: nothing"
                        + " special: one topic per parent table, routed like any other table; a sink that routes by topic"
                        + " or by source table then writes one Iceberg table per parent.")
                .figures("K7 measured", Map.of("rows in PostgreSQL", cured.sourceRows(),
                        "streamed changes written", streamed,
                        "filtered publication: events on the parent's topic", filteredEvents.size(),
                        "filtered publication: lake rows", filteredLakeRows,
                        "via root (by hand): events on the parent's topic", rootEvents.size(),
                        "via root (Debezium's switch): events", dbzEvents.size(),
                        "Debezium's switch, publication existing: events", existingEvents.size()));
        KEYS_PARTITIONS.write();
    }

    /** What the publication publishes, as PostgreSQL lists it (partitions or their root). */
    private static List<String> publishedTables(RunningTopology lab, String publication) {
        return lab.source().query("SELECT schemaname || '.' || tablename AS t FROM pg_publication_tables WHERE pubname = '"
                + publication + "'").stream().map(r -> (String) r.get("t")).toList();
    }

    private static List<String> topicsOf(RunningTopology lab, String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, lab.kafkaBootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(prefix)).toList();
        } catch (Exception e) {
            throw new AssertionError("could not list Kafka's topics: " + e, e);
        }
    }
}
