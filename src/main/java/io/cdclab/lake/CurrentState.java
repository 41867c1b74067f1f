package io.cdclab.lake;

import io.cdclab.topology.LabException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rebuilds a table's current state from the changelog the Iceberg sink appended. The Apache Iceberg sink has no
 * upsert mode: every change event is one appended row carrying a {@code _cdc} struct (op I/U/D, Kafka offset,
 * source, target, key). The current state is, per key, the newest event, unless that event is a delete.
 *
 * <p>"Newest" is the highest Kafka offset ({@code _cdc.offset}). That is the commit order only because all events
 * of one key land in one partition (keyed tables, default partitioner); it is no order across partitions.
 */
public final class CurrentState {
    private CurrentState() {
    }

    /** The SQL that materialises the current state of {@code changelogTable}, keyed by {@code keyColumns}. */
    public static String sql(Lake lake, String changelogTable, List<String> keyColumns) {
        if (keyColumns.isEmpty()) {
            throw new LabException("Materialising " + changelogTable + " needs key columns: without a key there is no "
                    + "way to tell which events change the same row. Give the table a primary key, or set Debezium's "
                    + "message.key.columns.");
        }
        List<String> columns = Arrays.stream(lake.sql("SELECT * FROM " + changelogTable + " LIMIT 0").columns())
                .filter(c -> !c.equals("_cdc")).toList();
        String select = columns.stream().map(CurrentState::quote).collect(Collectors.joining(", "));
        String partitionBy = keyColumns.stream().map(CurrentState::quote).collect(Collectors.joining(", "));
        return "SELECT " + select + " FROM (SELECT *, row_number() OVER (PARTITION BY " + partitionBy
                + " ORDER BY _cdc.offset DESC) AS _newest FROM " + changelogTable + ") WHERE _newest = 1 AND _cdc.op <> 'D'";
    }

    /** The current state's rows, each as column name to Spark value. */
    public static List<Map<String, Object>> rows(Lake lake, String changelogTable, List<String> keyColumns) {
        return lake.rowsAsMaps(sql(lake, changelogTable, keyColumns));
    }

    private static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
