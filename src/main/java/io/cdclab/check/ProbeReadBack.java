package io.cdclab.check;

import io.cdclab.lake.Lake;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until the lake holds the probe's change events, then reads each table back with Spark, as its users would.
 * A table is done when it holds every event, or when its row count has not moved for
 * {@code settle} (the sink commits every second or so: events that have not come by then are not coming, e.g. a
 * delete turned into a tombstone, which the sink skips). Only a table that never appears waits the whole timeout.
 */
final class ProbeReadBack {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeReadBack.class);
    /** What the lake had for one table: its rows (empty when unreadable), why Spark could not read it, its time columns. */
    record TableRead(String icebergTable, boolean appeared, long count, List<Map<String, Object>> rows,
                     String unreadable, List<String> timeColumns) {
        boolean readable() {
            return appeared && unreadable == null;
        }
    }

    private static final class Watch {
        final String icebergTable;
        final long expected;
        long count = -1;
        Instant changed = Instant.now();
        Table table;
        String notYet;
        boolean done;

        Watch(String icebergTable, long expected) {
            this.icebergTable = icebergTable;
            this.expected = expected;
        }
    }

    private ProbeReadBack() {
    }

    /** {@code expected}: source table to its Iceberg table and the change events it should hold. */
    static Map<String, TableRead> await(Lake lake, Map<String, String> icebergTables, Map<String, Long> expected,
                                        Duration timeout, Duration settle) {
        Map<String, Watch> watches = new LinkedHashMap<>();
        icebergTables.forEach((table, iceberg) -> watches.put(table, new Watch(iceberg, expected.get(table))));
        try {
            Awaitility.await("the probe's change events in " + String.join(", ", icebergTables.values())
                            + " (" + expected.values() + " rows)")
                    .atMost(timeout).pollInterval(Duration.ofMillis(400))
                    .until(() -> {
                        watches.values().stream().filter(w -> !w.done).forEach(w -> poll(lake, w, settle));
                        return watches.values().stream().allMatch(w -> w.done);
                    });
        } catch (ConditionTimeoutException e) {
            // Not an error of the probe: what is missing becomes a finding, with what was waited for and how long.
        }
        Map<String, TableRead> reads = new LinkedHashMap<>();
        watches.forEach((table, w) -> reads.put(table, read(lake, w)));
        return reads;
    }

    /**
     * Counts from the Iceberg snapshot's summary ({@code total-records}; the sink only appends): a metadata read, not
     * a Spark job, so polling takes no CPU from the sink it waits for. Spark reads the table once, at the end.
     */
    private static void poll(Lake lake, Watch w, Duration settle) {
        try {
            if (w.table == null) {
                // Through Spark's catalog API first: it also registers the lake's catalog, which Spark3Util needs.
                if (!existsForSpark(lake, w.icebergTable)) {
                    return;
                }
                w.table = Spark3Util.loadIcebergTable(lake.session(), w.icebergTable);
            } else {
                w.table.refresh();
            }
        } catch (Exception e) {
            w.notYet = message(e);
            return;   // not created yet: the sink creates a table with its first commit
        }
        Snapshot snapshot = w.table.currentSnapshot();
        long count = snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
        if (count != w.count) {
            w.count = count;
            w.changed = Instant.now();
        }
        w.done = count >= w.expected || Duration.between(w.changed, Instant.now()).compareTo(settle) >= 0;
        if (w.done) {
            LOG.info("check probe: {} holds {} of {} change rows{}", w.icebergTable, count, w.expected,
                    count >= w.expected ? "" : " and has not changed for " + settle.toSeconds() + " s");
        }
    }

    private static boolean existsForSpark(Lake lake, String icebergTable) {
        try {
            return lake.tableExists(icebergTable);
        } catch (Exception e) {
            return true;   // it exists, but Spark cannot convert its schema: read() says why
        }
    }

    private static TableRead read(Lake lake, Watch w) {
        if (w.count < 0) {
            LOG.info("check probe: no table {} ({})", w.icebergTable, w.notYet);
            return new TableRead(w.icebergTable, false, 0, List.of(), null, List.of());
        }
        try {
            lake.sql("REFRESH TABLE " + w.icebergTable);
            List<Map<String, Object>> rows = lake.rowsAsMaps("SELECT * FROM " + w.icebergTable);
            return new TableRead(w.icebergTable, true, rows.size(), rows, null, List.of());
        } catch (Exception e) {
            return new TableRead(w.icebergTable, true, w.count, List.of(), message(e), timeColumns(lake, w.icebergTable));
        }
    }

    /** The table's Iceberg {@code time} columns, read through Iceberg (Spark cannot convert the schema). */
    private static List<String> timeColumns(Lake lake, String icebergTable) {
        try {
            return Spark3Util.loadIcebergTable(lake.session(), icebergTable).schema().columns()
                    .stream().filter(f -> isTime(f.type())).map(Types.NestedField::name).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static boolean isTime(Type type) {
        return type.typeId() == Type.TypeID.TIME
                || type.isListType() && isTime(type.asListType().elementType());
    }

    /** The innermost message of a Spark failure, on one line and short. */
    static String message(Throwable e) {
        Throwable t = e;
        String text = String.valueOf(e.getMessage());
        while (t != null) {
            if (t.getMessage() != null && t.getMessage().contains("time fields")) {
                text = t.getMessage();
                break;
            }
            if (t.getCause() == null && t.getMessage() != null) {
                text = t.getMessage();
            }
            t = t.getCause();
        }
        text = text.strip().replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}
