package io.cdclab.lake;

import java.util.List;
import java.util.Map;

/**
 * Rebuilds a table's current state from the changelog the Iceberg sink appended. The Apache Iceberg sink has no
 * upsert mode: every change event is one appended row carrying a {@code _cdc} struct (op I/U/D, Kafka offset,
 * source, target, key). The current state is, per key, the newest event, unless that event is a delete.
 *
 * <p>"Newest" is the highest Kafka offset ({@code _cdc.offset}). That is the commit order only because all events
 * of one key land in one partition (keyed tables, default partitioner); it is no order across partitions.
 * The query is {@link Materializer}'s with {@link ChangelogLayout#debeziumTransform()}.
 */
public final class CurrentState {
    private CurrentState() {
    }

    /** The SQL that materialises the current state of {@code changelogTable}, keyed by {@code keyColumns}. */
    public static String sql(Lake lake, String changelogTable, List<String> keyColumns) {
        return Materializer.of(lake, changelogTable, keyColumns, ChangelogLayout.debeziumTransform()).currentStateSql();
    }

    /** The current state's rows, each as column name to Spark value. */
    public static List<Map<String, Object>> rows(Lake lake, String changelogTable, List<String> keyColumns) {
        return lake.rowsAsMaps(sql(lake, changelogTable, keyColumns));
    }
}
