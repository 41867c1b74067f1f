package io.cdclab.scenarios;

import io.cdclab.junit.CdcLab;
import io.cdclab.lake.Lake;
import io.cdclab.partitioner.TenantPartitioner;
import io.cdclab.pipeline.SqlScript;
import io.cdclab.report.LabReport.Verdict;
import io.cdclab.report.ReportPage;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.KeyOrder;
import io.cdclab.verify.PartitionRule;
import io.cdclab.verify.PartitionRuns;
import io.cdclab.verify.PartitionSpread;
import io.cdclab.verify.Reconciliation;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.cdclab.scenarios.ScenarioPages.KEYS_PARTITIONS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios P1 and P2 of SCENARIOS.md: where each partitioning strategy sends thousands of change events, what it
 * promises and keeps, and whether per-row order survives into Kafka and into the Iceberg changelog.
 */
@CdcLab(kafkaPartitions = 6, shared = true)
class PartitionsScenariosTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    static final ScenarioFinding P1 = ScenarioFinding.of("P1", "distribution by strategy", """
            Keyed records land where murmur2 of the serialized key says, so changing the key converter moves keys;
            null keys stick to one partition per batch; only RoundRobinPartitioner is even, and it scatters one row's
            changes; a custom partitioner's jar goes beside Debezium.""")
            .tests("The key hash is used to map messages to partitions.", Verdict.NUANCED, """
                    Every keyed event lands where murmur2 of the serialized key says and a key never moves; but the
                    key is the converter's output: switching key.converter.schemas.enable moved most keys (2,008 of
                    2,400 when measured).""", "K1", "K2", "K6")
            .tests("Null key messages are sent to a partition in a round-robin fashion (default partitioner).",
                    Verdict.REFUTED, """
                            Null keys stick to one partition per batch (runs of about 10 events); only
                            RoundRobinPartitioner is exactly even, and it scatters one row's changes over partitions.""",
                    "K4")
            .tests("Round-robin partitioner: messages are sent to partitions in a round-robin fashion", Verdict.NUANCED, """
                    Set as producer.override.partitioner.class it is even, but it also ignores keys, so one row's
                    events are scattered and per-key order is gone.""")
            .tests("Uniform sticky partitioner: sticky partition until batch.size is met or linger.ms is up",
                    Verdict.NUANCED, """
                            This is what the built-in partitioner already does for null keys (Kafka 3.3+, KIP-794);
                            the UniformStickyPartitioner class is deprecated.""")
            .tests("A custom partitioner implements Partitioner with its own key-to-partition logic.", Verdict.NUANCED, """
                    It is loaded through the connector's plugin class loader, so its jar goes beside Debezium;
                    Debezium's PartitionRouting left most tombstones (81 of 100 when measured) away from their rows.""")
            .tests("Since we use the default partitioner, in absence of a PK the round-robin partitioner is used",
                    Verdict.REFUTED, """
                            No partitioner switch happens: the same built-in partitioner handles null keys with sticky
                            batches (see K3 for what a keyless table does to UPDATE and DELETE).""");
    static final ScenarioFinding P2 = ScenarioFinding.of("P2", "ordering", """
            Keyed rows keep commit order through Kafka and the Iceberg changelog; a keyless row's updates spread over
            partitions, and nothing in the lake can put its history back in order.""")
            .tests("With keys per row, partitioning keeps each row's changes in order.", Verdict.NUANCED, """
                    Keyed rows keep commit order; keyless rows spread over partitions and the state rebuilt from the
                    lake was wrong in 2 of 3 runs.""")
            .tests("""
                    Generally we expect all tables to have a primary key; ideally the tables' constraints should be
                    updated to avoid any unexpected behaviour""", Verdict.CONFIRMED, """
                            Without a key, per-row order is lost: keyless rows' Iceberg history comes out of commit
                            order and the state rebuilt from the lake differs from PostgreSQL; keyed rows stay in
                            order.""");
    private static final int ORDERS = 2400;
    private static final int UPDATED = 600;
    private static final int DELETED = 100;

    @BeforeAll
    static void createTables(RunningTopology lab) {
        SqlScript.builtIn("partition-workload").runOn(lab.source());
    }

    /** One way of choosing partitions: a source connector on one table, with its config overrides. */
    record Strategy(String label, String pipelineId, String table, Map<String, String> sourceConfig) {
    }

    @Test
    void p1_distributionByStrategy_eachStrategyKeepsItsPromiseAndTheSpreadIsMeasured(RunningTopology lab) {
        int partitions = lab.topology().kafkaPartitions();
        Strategy keyed = new Strategy("built-in, keys (JSON with schema)", "p1-keyed", "p1_orders", Map.of());
        Strategy schemaless = new Strategy("built-in, keys (JSON without schema)", "p1-schemaless", "p1_orders",
                Map.of("key.converter.schemas.enable", "false"));
        Strategy nullKeys = new Strategy("built-in, null keys", "p1-nullkey", "p1_orders_keyless", Map.of());
        Strategy roundRobin = new Strategy("RoundRobinPartitioner", "p1-roundrobin", "p1_orders",
                Map.of("producer.override.partitioner.class", "org.apache.kafka.clients.producer.RoundRobinPartitioner"));
        Strategy tenant = new Strategy("custom TenantPartitioner", "p1-tenant", "p1_orders",
                Map.of("producer.override.partitioner.class", TenantPartitioner.class.getName()));
        Strategy routing = new Strategy("Debezium PartitionRouting on region", "p1-routing", "p1_orders", Map.of(
                "transforms", "route",
                "transforms.route.type", "io.debezium.transforms.partitions.PartitionRouting",
                "transforms.route.partition.payload.fields", "change.region",
                "transforms.route.partition.topic.num", Integer.toString(partitions)));
        List<Strategy> strategies = List.of(keyed, schemaless, nullKeys, roundRobin, tenant, routing);

        Scenario scenario = Scenario.on(lab);
        Map<Strategy, Scenario.Capture> pipelines = new LinkedHashMap<>();
        for (Strategy s : strategies) {
            Scenario.CaptureSpec capture = scenario.capture(s.pipelineId(), "public." + s.table())
                    .withoutSink().timeout(TIMEOUT);
            s.sourceConfig().forEach(capture::sourceConfig);
            pipelines.put(s, capture.start());
        }
        for (String table : List.of("p1_orders", "p1_orders_keyless")) {
            List<String> workload = new ArrayList<>();
            for (int from = 1; from <= ORDERS; from += 200) {
                workload.add("INSERT INTO " + table + " SELECT 1 + g % 15, g,"
                        + " (ARRAY['eu-west','eu-north','us-east','us-west','ap-south'])[1 + g % 5], g * 0.5, 1"
                        + " FROM generate_series(" + from + ", " + (from + 199) + ") g");
            }
            // Every 4th order: a row's update is not a fixed number of records after its insert (with 2400 inserts
            // and updates of orders 1..600, round-robin would put each update exactly where its insert went).
            workload.add("UPDATE " + table + " SET version = 2, amount = amount + 1 WHERE order_id % " + (ORDERS / UPDATED) + " = 0");
            workload.add("DELETE FROM " + table + " WHERE order_id > " + (ORDERS - DELETED));
            lab.source().execute(workload.toArray(String[]::new));
        }

        Map<Strategy, List<ChangeEvent>> events = new LinkedHashMap<>();
        for (Strategy s : strategies) {
            // Every strategy's topic gets each change once, and each delete's tombstone (null key too for keyless rows).
            int expected = ORDERS + UPDATED + 2 * DELETED;
            List<ChangeEvent> read = pipelines.get(s).events(s.table(), expected);
            assertThat(read).as("%s: records", s.label()).hasSize(expected);
            assertNothingLostOrDuplicated(s, read);
            events.put(s, read);
        }

        // Keyed: every record, tombstones included, in murmur2 of its serialized key; each key in one partition.
        assertThat(PartitionRule.murmur2OfKey().violations(events.get(keyed), partitions)).isEmpty();
        assertThat(keyOrder(events.get(keyed)).keysInSeveralPartitions()).isEmpty();
        assertThat(keyOrder(events.get(keyed)).keysOutOfLsnOrderWithinPartitions()).isEmpty();
        // The key converter is part of the partitioning: the same keys serialized without schema land elsewhere.
        assertThat(PartitionRule.murmur2OfKey().violations(events.get(schemaless), partitions)).isEmpty();
        assertThat(events.get(schemaless).get(0).keyFields().toString()).doesNotContain("schema");
        Map<String, Integer> withSchema = partitionOfEachKey(events.get(keyed));
        Map<String, Integer> withoutSchema = partitionOfEachKey(events.get(schemaless));
        assertThat(withoutSchema.keySet()).isEqualTo(withSchema.keySet());
        long movedKeys = withSchema.keySet().stream().filter(k -> !withSchema.get(k).equals(withoutSchema.get(k))).count();
        assertThat(movedKeys).as("keys whose partition changes with the key converter").isGreaterThan(withSchema.size() / 2);

        // Null keys: sticky batches, not round-robin.
        assertThat(events.get(nullKeys)).allSatisfy(e -> assertThat(e.hasNullKey()).isTrue());
        double stickyRun = PartitionRuns.meanRunLength(events.get(nullKeys));
        assertThat(stickyRun).as("mean run of consecutive null-key events in one partition").isGreaterThan(2.0);

        // RoundRobinPartitioner: one record per partition in turn, keys ignored.
        double roundRobinRun = PartitionRuns.meanRunLength(events.get(roundRobin));
        assertThat(roundRobinRun).as("mean run of consecutive round-robin events in one partition").isLessThan(1.2);
        assertThat(keyOrder(events.get(roundRobin)).keysInSeveralPartitions()).as("keys scattered by round-robin").isNotEmpty();

        // Custom partitioner: exactly its rule, for every record; other rules (a wrong partitioner) are caught.
        PartitionRule tenantRule = PartitionRule.tenantOfKey("tenant_id");
        assertThat(tenantRule.violations(events.get(tenant), partitions)).isEmpty();
        PartitionRule offByOne = (e, n) -> (TenantPartitioner.partitionFor(e.keyFields().get("tenant_id").asLong(), n) + 1) % n;
        assertThat(offByOne.violations(events.get(tenant), partitions)).as("an off-by-one tenant partitioner is caught")
                .hasSize(events.get(tenant).size());
        assertThat(tenantRule.violations(events.get(keyed), partitions)).as("the key-hash topic breaks the tenant rule").isNotEmpty();
        assertThat(PartitionRule.murmur2OfKey().violations(events.get(tenant), partitions)).isNotEmpty();

        // Debezium's PartitionRouting: change events by the region's hash; tombstones, which it skips, by key hash.
        PartitionRule regionRule = PartitionRule.debeziumPartitionRouting("region");
        assertThat(regionRule.violations(events.get(routing), partitions)).isEmpty();
        assertThat(PartitionRule.debeziumPartitionRouting("tenant_id").violations(events.get(routing), partitions))
                .as("routing by another field is caught").isNotEmpty();
        long tombstonesAwayFromTheirRow = tombstonesOutsideTheirRowsPartition(events.get(routing));
        int regionPartitions = PartitionSpread.of(events.get(routing).stream().filter(e -> !e.isTombstone()).toList(),
                partitions).partitionsUsed();
        assertThat(regionPartitions).as("5 regions can fill at most 5 partitions").isLessThanOrEqualTo(5);

        reportP1(strategies, events, partitions, movedKeys, withSchema.size(), stickyRun, roundRobinRun, tombstonesAwayFromTheirRow,
                regionPartitions);
    }

    @Test
    void p2_ordering_keyedRowsKeepCommitOrderInKafkaAndIcebergKeylessRowsMayNot(RunningTopology lab) {
        lab.source().execute("INSERT INTO p2_accounts SELECT g, 1, 100 FROM generate_series(1, 20) g",
                "INSERT INTO p2_accounts_keyless SELECT g, 1, 100 FROM generate_series(1, 20) g");
        Scenario.Capture keyed = Scenario.on(lab).capture("p2", "public.p2_accounts").timeout(TIMEOUT).start();
        Scenario.Capture keyless = Scenario.on(lab).capture("p2-keyless", "public.p2_accounts_keyless").timeout(TIMEOUT).start();
        // 40 rounds; each commits one update of every row of both tables (version 2..41).
        lab.source().execute("DO $$ BEGIN FOR v IN 2..41 LOOP"
                + " UPDATE p2_accounts SET version = v, balance = balance + v;"
                + " UPDATE p2_accounts_keyless SET version = v, balance = balance + v;"
                + " COMMIT; END LOOP; END $$");
        int expected = 20 * 41;

        List<ChangeEvent> keyedEvents = keyed.events("p2_accounts", expected);
        List<ChangeEvent> keylessEvents = keyless.events("p2_accounts_keyless", expected);
        assertThat(keyedEvents).hasSize(expected);
        assertThat(keylessEvents).hasSize(expected);
        KeyOrder<Integer> keyedOrder = KeyOrder.of(keyedEvents, e -> e.row().get("id").asInt());
        KeyOrder<Integer> keylessOrder = KeyOrder.of(keylessEvents, e -> e.row().get("id").asInt());
        assertThat(keyedOrder.keysInSeveralPartitions()).isEmpty();
        assertThat(keyedOrder.keysOutOfLsnOrderByOffsetAlone()).as("keyed rows read by offset, out of commit order").isEmpty();

        Lake lake = lab.lake();
        String keyedTable = keyed.awaitLake("p2_accounts", expected);
        String keylessTable = keyless.awaitLake("p2_accounts_keyless", expected);
        for (String table : List.of(keyedTable, keylessTable)) {
            assertThat(lake.rows("SELECT count(*), count(DISTINCT id, version) FROM " + table))
                    .as("rows and distinct (id, version) in %s", table)
                    .extracting(r -> r.getLong(0) + "/" + r.getLong(1)).containsExactly(expected + "/" + expected);
        }
        // In the sink a row's history is ordered by _cdc.offset (it carries no partition): right only within one partition.
        List<Integer> keyedDisordered = idsWhoseVersionsAreOutOfOffsetOrder(lake, keyedTable);
        List<Integer> keylessDisordered = idsWhoseVersionsAreOutOfOffsetOrder(lake, keylessTable);
        assertThat(keyedDisordered).as("keyed rows whose Iceberg history by _cdc.offset is not commit order").isEmpty();

        Reconciliation keyedState = keyed.reconcile("SELECT id, version, balance FROM p2_accounts", "p2_accounts", "id");
        assertThat(keyedState.matches()).as(keyedState.summary()).isTrue();
        Reconciliation keylessState = keyless.reconcile("SELECT id, version, balance FROM p2_accounts_keyless",
                "p2_accounts_keyless", "id");

        KEYS_PARTITIONS.section(P2)
                .paragraph("20 rows, each updated 40 times in 40 transactions, in a keyed table and in the same table"
                        + " without key (REPLICA IDENTITY FULL). Keyed: each row's events sit in one partition, so"
                        + " Kafka offsets give commit (LSN) order, and so does _cdc.offset in the Iceberg changelog;"
                        + " the current state rebuilt from the lake equals PostgreSQL. Without key, a row's events are"
                        + " spread over partitions by the sticky partitioner; offsets of different partitions are"
                        + " unrelated, and the Iceberg sink keeps the offset but not the partition, so nothing in the"
                        + " lake can put such a row's history back in order.")
                .table("P2 measured", List.of("table", "events", "rows spread over partitions", "rows out of LSN order by offset (Kafka)",
                                "rows out of order by _cdc.offset (Iceberg)", "current state = PostgreSQL"),
                        List.of(List.of("keyed", keyedEvents.size(), keyedOrder.keysInSeveralPartitions().size() + " of 20",
                                        keyedOrder.keysOutOfLsnOrderByOffsetAlone().size(), keyedDisordered.size(), keyedState.matches()),
                                List.of("keyless", keylessEvents.size(), keylessOrder.keysInSeveralPartitions().size() + " of 20",
                                        keylessOrder.keysOutOfLsnOrderByOffsetAlone().size(), keylessDisordered.size(),
                                        keylessState.matches() + " (" + keylessState.differing().size() + " values differ)")))
                .paragraph("This run: " + keylessDisordered.size() + " of 20 keyless rows had an Iceberg history out of"
                        + " commit order, and the state rebuilt from the lake differed from PostgreSQL in "
                        + keylessState.differing().size() + " values; keyed rows were in commit order, state equal.");
        KEYS_PARTITIONS.write();
    }

    private static void assertNothingLostOrDuplicated(Strategy s, List<ChangeEvent> events) {
        List<ChangeEvent> changes = events.stream().filter(e -> !e.isTombstone()).toList();
        assertThat(KeysScenariosTest.countBy(changes, ChangeEvent::op)).as("%s: operations", s.label())
                .containsExactlyInAnyOrderEntriesOf(Map.of("c", (long) ORDERS, "u", (long) UPDATED, "d", (long) DELETED));
        Set<String> distinct = changes.stream().map(e -> e.op() + ":" + e.row().get("order_id").asInt())
                .collect(Collectors.toSet());
        assertThat(distinct).as("%s: distinct (op, order)", s.label()).hasSize(changes.size());
    }

    private static KeyOrder<String> keyOrder(List<ChangeEvent> events) {
        return KeyOrder.of(events, e -> e.row().get("tenant_id").asInt() + "/" + e.row().get("order_id").asInt());
    }

    private static Map<String, Integer> partitionOfEachKey(List<ChangeEvent> events) {
        Map<String, Integer> result = new LinkedHashMap<>();
        events.stream().filter(e -> !e.isTombstone()).forEach(e -> result.put(
                e.keyFields().get("tenant_id").asInt() + "/" + e.keyFields().get("order_id").asInt(), e.partition()));
        return result;
    }

    private static long tombstonesOutsideTheirRowsPartition(List<ChangeEvent> events) {
        Map<String, Integer> rowPartition = partitionOfEachKey(events);
        return events.stream().filter(ChangeEvent::isTombstone).filter(t -> !rowPartition.get(
                t.keyFields().get("tenant_id").asInt() + "/" + t.keyFields().get("order_id").asInt()).equals(t.partition())).count();
    }

    private static List<Integer> idsWhoseVersionsAreOutOfOffsetOrder(Lake lake, String table) {
        Map<Integer, List<Row>> byId = lake.rows("SELECT id, version, _cdc.offset FROM " + table).stream()
                .collect(Collectors.groupingBy(r -> r.getInt(0)));
        List<Integer> disordered = new ArrayList<>();
        byId.forEach((id, rows) -> {
            List<Integer> versions = rows.stream().sorted(Comparator.comparingLong(r -> r.getLong(2)))
                    .map(r -> r.getInt(1)).toList();
            for (int i = 1; i < versions.size(); i++) {
                if (versions.get(i) < versions.get(i - 1)) {
                    disordered.add(id);
                    return;
                }
            }
        });
        return disordered.stream().sorted().toList();
    }

    private static void reportP1(List<Strategy> strategies, Map<Strategy, List<ChangeEvent>> events, int partitions,
                                 long movedKeys, int keys, double stickyRun, double roundRobinRun, long routedTombstones,
                                 int regionPartitions) {
        ReportPage.Section section = KEYS_PARTITIONS.section(P1)
                .paragraph("One table of " + ORDERS + " orders (15 tenants, 5 regions): " + ORDERS + " inserts, " + UPDATED
                        + " updates, " + DELETED + " deletes (each with its tombstone), captured by one source connector"
                        + " per strategy into its own topic of " + partitions + " partitions. Null keys come from the same"
                        + " rows in a table without key. Spread: max/min, coefficient of variation (CV) and chi-square"
                        + " against a uniform spread (5% critical value for " + partitions + " partitions: 11.07). Run length:"
                        + " consecutive events, in commit order, that went to the same partition (1 = strict round-robin).");
        List<List<Object>> rows = new ArrayList<>();
        for (Strategy s : strategies) {
            List<ChangeEvent> e = events.get(s);
            PartitionSpread spread = PartitionSpread.of(e, partitions);
            KeyOrder<String> order = keyOrder(e);
            rows.add(List.of(s.label(), spread.total(), spread.partitionsUsed(), round(spread.maxOverMin()),
                    round(spread.coefficientOfVariation()), round(spread.chiSquare()),
                    order.keysInSeveralPartitions().size() + " of " + order.keys(),
                    order.keysOutOfLsnOrderByOffsetAlone().size(), round(PartitionRuns.meanRunLength(e))));
        }
        section.table("Spread per strategy", List.of("strategy", "records", "partitions used", "max/min", "CV", "chi-square",
                "rows with events in several partitions", "rows out of LSN order when read by offset", "mean run length"), rows);
        for (Strategy s : strategies) {
            section.barChart(s.label() + ": records per partition", PartitionSpread.of(events.get(s), partitions).bars(""));
        }
        section.paragraph("Asserted: keyed topics put every record in murmur2 of its serialized key; the custom"
                        + " TenantPartitioner puts every record in tenant_id mod " + partitions + " (an off-by-one variant is"
                        + " caught on every record); PartitionRouting puts every change in (hash(region) & 0x7fffffff) mod "
                        + partitions + "; no strategy lost or duplicated a change. Measured: " + movedKeys + " of " + keys
                        + " keys change partition when the key converter drops the schema; PartitionRouting leaves tombstones"
                        + " to the key hash, so " + routedTombstones + " of " + DELETED + " tombstones landed away from their row's"
                        + " other events (log compaction then cannot remove those rows); routing 5 region values by"
                        + " their hash filled only " + regionPartitions + " of " + partitions + " partitions with changes,"
                        + " so a field with few values makes hot partitions. The custom partitioner spreads 15 tenants"
                        + " over 6 partitions 3-3-3-2-2-2: a rule by tenant is only as even as the tenants.")
                .paragraph("For the seed's claims, this run: switching the key converter (JSON with schema to without)"
                        + " moved " + movedKeys + " of " + keys + " keys to another partition; the built-in partitioner's"
                        + " mean run for null keys was " + round(stickyRun) + " consecutive events per partition, the"
                        + " round-robin partitioner's " + round(roundRobinRun) + " (1 is strict round-robin).");
        KEYS_PARTITIONS.write();
    }

    private static double round(double value) {
        return Double.isInfinite(value) ? value : Math.round(value * 100) / 100.0;
    }
}
