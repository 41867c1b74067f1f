package io.cdclab.lake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A team's changelog with its own metadata names (here {@code cdc_op}, {@code cdc_pos}, {@code cdc_offset}, as an
 * {@code add.fields.prefix=cdc_} sink config writes them), materialised by the same Materializer: in real Spark SQL
 * and Iceberg, on a Hadoop catalog in a temporary folder (no servers needed for a changelog already written).
 */
class MaterializerLayoutTest {
    private static final ChangelogLayout TEAM = new ChangelogLayout("cdc_op", "d", "cdc_pos", "cdc_offset", "cdc_");

    @TempDir
    Path warehouse;

    private Lake lake() {
        return Lake.open(new CatalogSpec("team", Map.of("type", "hadoop", "warehouse", warehouse.toUri().toString()),
                Map.of()), new ObjectStore(Optional.empty(), "us-east-1", "unused", "unused", AwsCredentials.generate()));
    }

    @Test
    void aTeamsOwnColumnNames_rebuildCurrentState_withDeletesAndRedeliveredEvents() {
        Lake lake = lake();
        lake.sql("CREATE TABLE team.shop.orders_log (order_id bigint, status string, cdc_op string, cdc_pos bigint, "
                + "cdc_offset bigint) USING iceberg");
        lake.sql("INSERT INTO team.shop.orders_log VALUES (1, 'new', 'c', 10, 0), (1, 'paid', 'u', 20, 1), "
                + "(2, 'new', 'c', 30, 2), (2, 'new', 'd', 40, 3), (3, 'new', 'r', 5, 4), "
                + "(1, 'new', 'c', 10, 0)");   // an event delivered twice, after a newer one

        Materializer materializer = Materializer.of(lake, "team.shop.orders_log", List.of("order_id"), TEAM);
        assertThat(materializer.dataColumns()).containsOnlyKeys("order_id", "status");
        assertThat(lake.rowsAsMaps(materializer.currentStateSql() + " ORDER BY order_id"))
                .containsExactly(Map.of("order_id", 1L, "status", "paid"), Map.of("order_id", 3L, "status", "new"));

        materializer.mergeInto("team.shop.orders_mirror");
        assertThat(lake.rowsAsMaps("SELECT order_id, status FROM team.shop.orders_mirror ORDER BY order_id"))
                .containsExactly(Map.of("order_id", 1L, "status", "paid"), Map.of("order_id", 3L, "status", "new"));

        assertThatThrownBy(() -> Materializer.of(lake, "team.shop.orders_log", List.of("order_id")).currentStateSql())
                .isInstanceOf(LabException.class).hasMessageContaining("has no __op column")
                .hasMessageContaining("pass a ChangelogLayout naming your columns");
    }

    @Test
    void aMetadataColumnOutsideTheLayoutsPrefix_isRefused() {
        assertThatThrownBy(() -> new ChangelogLayout("op", "d", "cdc_pos", "cdc_offset", "cdc_"))
                .hasMessageContaining("'op' must start with the metadata prefix 'cdc_'");
    }

    @Test
    void theIcebergDocsDebeziumTransform_nestedCdcStructWithUpperCaseOps_rebuildsCurrentState() {
        Lake lake = lake();
        lake.sql("CREATE TABLE team.shop.orders_dbz (order_id bigint, status string, _cdc struct<op: string, "
                + "ts: timestamp, offset: bigint, source: string, target: string, key: struct<order_id: bigint>>) USING iceberg");
        lake.sql("INSERT INTO team.shop.orders_dbz VALUES " + String.join(", ",
                dbz(1, "new", "I", 0), dbz(1, "paid", "U", 3), dbz(2, "new", "I", 1), dbz(2, "new", "D", 4),
                dbz(3, "new", "I", 2), dbz(1, "new", "I", 0)));   // offset 0 delivered again, after a newer event

        Materializer materializer = Materializer.of(lake, "team.shop.orders_dbz", List.of("order_id"),
                ChangelogLayout.debeziumTransform());
        assertThat(materializer.dataColumns()).containsOnlyKeys("order_id", "status");
        List<Map<String, Object>> expected = List.of(Map.of("order_id", 1L, "status", "paid"), Map.of("order_id", 3L, "status", "new"));
        assertThat(lake.rowsAsMaps(materializer.currentStateSql() + " ORDER BY order_id")).isEqualTo(expected);
        assertThat(lake.rowsAsMaps(CurrentState.sql(lake, "team.shop.orders_dbz", List.of("order_id")) + " ORDER BY order_id"))
                .as("CurrentState is the same query").isEqualTo(expected);

        materializer.mergeInto("team.shop.orders_dbz_mirror");
        assertThat(lake.rowsAsMaps("SELECT order_id, status, _cdc_offset FROM team.shop.orders_dbz_mirror ORDER BY order_id"))
                .as("the mirror keeps the offset of the event that wrote each row").containsExactly(
                        Map.of("order_id", 1L, "status", "paid", "_cdc_offset", 3L),
                        Map.of("order_id", 3L, "status", "new", "_cdc_offset", 2L));
        lake.sql("INSERT INTO team.shop.orders_dbz VALUES " + dbz(3, "shipped", "U", 5) + ", " + dbz(1, "stale", "U", 1));
        materializer.mergeInto("team.shop.orders_dbz_mirror");
        assertThat(lake.rowsAsMaps("SELECT order_id, status FROM team.shop.orders_dbz_mirror ORDER BY order_id"))
                .containsExactly(Map.of("order_id", 1L, "status", "paid"), Map.of("order_id", 3L, "status", "shipped"));
    }

    private static String dbz(long id, String status, String op, long offset) {
        return "(" + id + ", '" + status + "', named_struct('op', '" + op + "', 'ts', TIMESTAMP '2026-12-06 10:00:00', "
                + "'offset', " + offset + "L, 'source', 'shop.public.orders', 'target', 'shop.orders', "
                + "'key', named_struct('order_id', " + id + "L)))";
    }

    @Test
    void extractNewRecordStateWithSourceLsnAndTheDeletedFlag_noKafkaOffset_rebuildsCurrentState() {
        Lake lake = lake();
        lake.sql("CREATE TABLE team.shop.orders_enrs (order_id bigint, status string, __source_lsn bigint, "
                + "__deleted string) USING iceberg");
        lake.sql("INSERT INTO team.shop.orders_enrs VALUES (1, 'new', 100, 'false'), (1, 'paid', 200, 'false'), "
                + "(2, 'new', 150, 'false'), (2, 'new', 250, 'true'), (1, 'new', 100, 'false')");
        ChangelogLayout layout = ChangelogLayout.extractNewRecordState("__", "source_lsn").withDeleteMarker("__deleted", "true");
        assertThat(layout.order()).containsExactly("__source_lsn");

        Materializer materializer = Materializer.of(lake, "team.shop.orders_enrs", List.of("order_id"), layout);
        assertThat(lake.rowsAsMaps(materializer.currentStateSql())).containsExactly(Map.of("order_id", 1L, "status", "paid"));
        materializer.mergeInto("team.shop.orders_enrs_mirror");
        assertThat(lake.rowsAsMaps("SELECT order_id, status, __source_lsn FROM team.shop.orders_enrs_mirror"))
                .containsExactly(Map.of("order_id", 1L, "status", "paid", "__source_lsn", 200L));

        assertThatThrownBy(() -> Materializer.of(lake, "team.shop.orders_enrs", List.of("order_id"),
                ChangelogLayout.extractNewRecordState()).currentStateSql())
                .isInstanceOf(LabException.class).hasMessageContaining("has no __op column")
                .hasMessageContaining("ChangelogLayout.debeziumTransform()");
        assertThatThrownBy(() -> Materializer.of(lake, "team.shop.orders_enrs", List.of("order_id"),
                ChangelogLayout.debeziumTransform()).currentStateSql())
                .isInstanceOf(LabException.class).hasMessageContaining("has no _cdc.op column");
    }

    @Test
    void theReadyLayouts_nameTheFieldsTheirSinkConfigsWrite() {
        assertThat(ChangelogLayout.labFixture()).isEqualTo(new ChangelogLayout("__op", "d", "__lsn", "__offset", "__"));
        assertThat(ChangelogLayout.labFixture().order()).containsExactly("__lsn", "__offset");
        assertThat(ChangelogLayout.extractNewRecordState().withKafkaOffset("__offset"))
                .isEqualTo(ChangelogLayout.labFixture());
        ChangelogLayout dbz = ChangelogLayout.debeziumTransform();
        assertThat(List.of(dbz.op(), dbz.deleteOp(), dbz.order(), dbz.versionColumn()))
                .containsExactly("_cdc.op", "D", List.of("_cdc.offset"), "_cdc_offset");
        assertThat(dbz.isMetadata("_cdc")).isTrue();
        assertThat(dbz.isMetadata("status")).isFalse();
        assertThatThrownBy(() -> new ChangelogLayout("__op", "d", null, null, "__"))
                .hasMessageContaining("needs a source position or a Kafka offset");
        assertThatThrownBy(() -> new ChangelogLayout("cdc.op", "D", null, "_cdc.offset", "_cdc"))
                .hasMessageContaining("'cdc.op' must start with the metadata prefix '_cdc'");
    }
}
