package io.cdclab.scenarios;

import io.cdclab.lake.Lake;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.Partitioning;
import io.cdclab.verify.Reconciliation;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.cdclab.scenarios.KeysScenariosTest.countBy;
import static org.assertj.core.api.Assertions.assertThat;

/** K1's workload and checks, on whatever topology it is given: the embedded one of KeysScenariosTest, or an external one. */
final class KeyedTableScenario {
    private KeyedTableScenario() {
    }

    /**
     * K1's keyed table, {@code public.<id>_customers (id, name, balance)}, created and captured into the default
     * sink: G1 runs the same table on the Glue lake.
     */
    static Scenario.Capture customers(RunningTopology lab, String id) {
        return Scenario.on(lab)
                .given("CREATE TABLE public." + id + "_customers (id int PRIMARY KEY, name text NOT NULL, balance numeric(10,2))")
                .capture(id, "public." + id + "_customers").start();
    }

    static void k1(RunningTopology lab) {
        Scenario.Capture k1 = customers(lab, "k1");

        lab.source().execute(
                "INSERT INTO k1_customers VALUES (1, 'Ada', 10.50), (2, 'Brian', 20.00), (3, 'Chen', 30.25)",
                "INSERT INTO k1_customers SELECT g, 'user-' || g, g * 1.5 FROM generate_series(4, 40) g",
                "UPDATE k1_customers SET balance = balance + 1 WHERE id <= 10",
                "UPDATE k1_customers SET name = 'Ada Lovelace' WHERE id = 1",
                "DELETE FROM k1_customers WHERE id IN (2, 3)");
        // 40 creates, 11 updates, 2 deletes, each delete followed by a tombstone.
        List<ChangeEvent> events = k1.events("k1_customers", 55);

        assertThat(events).hasSize(55);
        assertThat(countBy(events, ChangeEvent::op))
                .containsExactlyInAnyOrderEntriesOf(Map.of("c", 40L, "u", 11L, "d", 2L, "tombstone", 2L));
        int partitions = lab.topology().kafkaPartitions();
        for (ChangeEvent event : events) {
            assertThat(event.hasNullKey()).as("key of %s", event).isFalse();
            assertThat(event.keyFields().fieldNames()).toIterable().containsExactly("id");
            if (!event.isTombstone()) {
                assertThat(event.keyFields().get("id").asInt()).as("key of %s", event).isEqualTo(event.row().get("id").asInt());
            }
            assertThat(event.partition()).as("partition of %s", event)
                    .isEqualTo(Partitioning.defaultPartitionFor(event.keyBytes(), partitions));
        }
        Map<Integer, Set<Integer>> partitionsPerKey = events.stream().collect(Collectors.groupingBy(
                e -> e.keyFields().get("id").asInt(), Collectors.mapping(ChangeEvent::partition, Collectors.toSet())));
        assertThat(partitionsPerKey.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        assertThat(events.stream().map(ChangeEvent::partition).distinct().count())
                .as("40 keys over %d partitions", partitions).isGreaterThan(1);

        Lake lake = lab.lake();
        String table = k1.awaitLake("k1_customers", 53);
        assertThat(lake.snapshotIds(table)).isNotEmpty();
        assertThat(lake.rows("SELECT _cdc.op, count(*) FROM " + table + " GROUP BY _cdc.op ORDER BY 1"))
                .extracting(r -> r.getString(0) + "=" + r.getLong(1))
                .containsExactly("D=2", "I=40", "U=11");
        assertThat(lake.rows("SELECT DISTINCT _cdc.source FROM " + table)).extracting(r -> r.getString(0))
                .containsExactly("public.k1_customers");
        List<Row> ada = lake.rows("SELECT _cdc.op, name, balance FROM " + table + " WHERE id = 1 ORDER BY _cdc.offset");
        assertThat(ada).extracting(r -> r.getString(0) + ":" + r.getString(1) + ":" + r.getDecimal(2).toPlainString())
                .containsExactly("I:Ada:10.50", "U:Ada:11.50", "U:Ada Lovelace:11.50");

        Reconciliation reconciliation = k1.reconcile("SELECT id, name, balance FROM k1_customers", "k1_customers", "id");
        assertThat(reconciliation.matches()).as(reconciliation.summary()).isTrue();
        assertThat(reconciliation.sourceRows()).isEqualTo(38);
    }
}
