package io.cdclab.verify;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.lake.Lake;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Reconciler} for tables too large to hold twice in memory (F12's million rows: ~1 GB per side as maps):
 * PostgreSQL and the lake's current state compared row by row in ranges of a numeric key, one range at a time,
 * and the outcomes added up. The lake side filters the current-state query on the key, which Spark pushes below
 * the per-key window into the Iceberg scan, so each range reads only the files whose key bounds overlap it.
 */
public final class RangeReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(RangeReconciler.class);

    private RangeReconciler() {
    }

    /**
     * Compares {@code SELECT columns FROM sourceTable} with {@code currentStateSql} on {@code lake}, keyed by
     * {@code key} (a bigint), {@code rangeSize} keys at a time from PostgreSQL's smallest key to its largest.
     * Lake rows outside that span are counted as extra, in one more query.
     */
    public static Reconciliation compare(SourceDatabase source, String sourceTable, String columns, Lake lake,
                                         String currentStateSql, String key, long rangeSize) {
        Timer timer = Timer.start();
        Map<String, Object> bounds = source.query("SELECT min(" + key + ") AS lo, max(" + key + ") AS hi FROM "
                + sourceTable).get(0);
        if (bounds.get("lo") == null) {
            return Reconciler.compare(List.of(), lake.rowsAsMaps(currentStateSql), List.of(key));
        }
        long lo = ((Number) bounds.get("lo")).longValue();
        long hi = ((Number) bounds.get("hi")).longValue();
        int sourceRows = 0;
        int lakeRows = 0;
        List<Map<String, Object>> missing = new ArrayList<>();
        List<Map<String, Object>> extra = new ArrayList<>();
        List<Reconciliation.Difference> differing = new ArrayList<>();
        for (long from = lo; from <= hi; from += rangeSize) {
            long to = Math.min(hi, from + rangeSize - 1);
            String range = key + " BETWEEN " + from + " AND " + to;
            Reconciliation part = Reconciler.compare(
                    source.query("SELECT " + columns + " FROM " + sourceTable + " WHERE " + range),
                    lake.rowsAsMaps("SELECT * FROM (" + currentStateSql + ") AS current_state WHERE " + range),
                    List.of(key));
            sourceRows += part.sourceRows();
            lakeRows += part.lakeRows();
            missing.addAll(part.missing());
            extra.addAll(part.extra());
            differing.addAll(part.differing());
        }
        List<Map<String, Object>> outside = lake.rowsAsMaps("SELECT * FROM (" + currentStateSql
                + ") AS current_state WHERE " + key + " < " + lo + " OR " + key + " > " + hi);
        lakeRows += outside.size();
        extra.addAll(outside);
        Reconciliation result = new Reconciliation(sourceRows, lakeRows, missing, extra, differing);
        LOG.info("{}: {} rows compared in ranges of {} in {}", sourceTable, sourceRows, rangeSize, timer.seconds());
        return result;
    }
}
