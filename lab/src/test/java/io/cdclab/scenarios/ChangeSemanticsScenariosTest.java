package io.cdclab.scenarios;

import io.cdclab.junit.CdcLab;
import io.cdclab.lake.CurrentState;
import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.ChangeEventReader;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenarios C1-C5 of SCENARIOS.md: what the change events mean, and whether the lake's state can be rebuilt. */
@CdcLab(kafkaPartitions = 6)
class ChangeSemanticsScenariosTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void c1_snapshotThenStream_existingRowsArriveAsReadsLaterChangesAsCreatesUpdatesDeletes(RunningTopology lab) {
        lab.source().execute(
                "CREATE TABLE public.c1_orders (id bigint PRIMARY KEY, item text NOT NULL, qty int NOT NULL)",
                "INSERT INTO c1_orders SELECT g, 'item-' || g, g % 7 FROM generate_series(1, 25) g");
        Pipeline pipeline = lab.pipeline("c1").tables("public.c1_orders").start();

        lab.source().execute(
                "INSERT INTO c1_orders SELECT g, 'item-' || g, 1 FROM generate_series(26, 30) g",
                "UPDATE c1_orders SET qty = qty + 100 WHERE id IN (1, 26, 27)",
                "DELETE FROM c1_orders WHERE id IN (2, 28)");
        // 25 snapshot reads, 5 creates, 3 updates, 2 deletes and their 2 tombstones.
        List<ChangeEvent> events = ChangeEventReader.readAtLeast(lab.kafkaBootstrapServers(),
                pipeline.topic("c1_orders"), 37, TIMEOUT);

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
        String table = pipeline.icebergTable("c1_orders");
        lake.awaitRows(table, 35, TIMEOUT);
        // The Iceberg sink's DebeziumTransform maps both r and c to I: in the lake a snapshot read is an insert.
        assertThat(lake.rows("SELECT _cdc.op, count(*) FROM " + table + " GROUP BY _cdc.op ORDER BY 1"))
                .extracting(r -> r.getString(0) + "=" + r.getLong(1))
                .containsExactly("D=2", "I=30", "U=3");
        assertThat(lake.rows("SELECT id FROM " + table + " WHERE _cdc.op = 'I' GROUP BY id HAVING count(*) > 1"))
                .as("rows inserted twice").isEmpty();

        Reconciliation reconciliation = Reconciler.compare(
                lab.source().query("SELECT id, item, qty FROM c1_orders"),
                CurrentState.rows(lake, table, List.of("id")), List.of("id"));
        assertThat(reconciliation.matches()).as(reconciliation.summary()).isTrue();
        assertThat(reconciliation.sourceRows()).isEqualTo(28);
    }

    private static List<Long> idsWithOp(List<ChangeEvent> events, String op) {
        return events.stream().filter(e -> e.op().equals(op)).map(e -> e.keyFields().get("id").asLong())
                .sorted().toList();
    }

    private static List<Long> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (long) i).toList();
    }
}
