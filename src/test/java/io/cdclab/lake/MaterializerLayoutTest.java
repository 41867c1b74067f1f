package io.cdclab.lake;

import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.CatalogSpec;
import io.cdclab.topology.LabException;
import io.cdclab.topology.ObjectStore;
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

    @Test
    void aTeamsOwnColumnNames_rebuildCurrentState_withDeletesAndRedeliveredEvents() {
        Lake lake = Lake.open(new CatalogSpec("team", Map.of("type", "hadoop", "warehouse", warehouse.toUri().toString()),
                Map.of()), new ObjectStore(Optional.empty(), "us-east-1", "unused", "unused", AwsCredentials.generate()));
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
}
