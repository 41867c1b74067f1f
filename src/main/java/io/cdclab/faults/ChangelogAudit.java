package io.cdclab.faults;

import io.cdclab.errors.LabException;
import io.cdclab.lake.Lake;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the raw changelog of a {@link WriteLoad} table holds, before materialisation: events in all, events that
 * arrived more than once (at-least-once delivery), and committed inserts that never arrived.
 */
public record ChangelogAudit(long events, long duplicateEvents, List<Long> missingInserts) {

    /** Audits {@code changelogTable} against the inserts the load committed. */
    public static ChangelogAudit of(Lake lake, String changelogTable, List<Long> committedInserts) {
        // One query, one snapshot. Each load event is unique by (id, op, version); a delete row carries the key
        // only (version holds 0), and each id is deleted at most once, so (id, 'D') is unique too.
        var counts = lake.rows("SELECT count(*), count(DISTINCT id, _cdc.op, version) FROM " + changelogTable).get(0);
        long events = counts.getLong(0);
        long distinct = counts.getLong(1);
        Set<Long> inserted = new HashSet<>();
        lake.rows("SELECT DISTINCT id FROM " + changelogTable + " WHERE _cdc.op = 'I'")
                .forEach(r -> inserted.add(r.getLong(0)));
        List<Long> missing = committedInserts.stream().filter(id -> !inserted.contains(id)).toList();
        return new ChangelogAudit(events, events - distinct, missing);
    }

    /**
     * Waits until the changelog holds the insert of row {@code id} (or a later one): the pipeline delivers again.
     * Returns how long that took.
     */
    public static Duration awaitDelivered(Lake lake, String changelogTable, long id, Duration timeout) {
        long start = System.nanoTime();
        AtomicLong newest = new AtomicLong(-1);
        try {
            Awaitility.await("row " + id + " in " + changelogTable)
                    .atMost(timeout).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions()
                    .until(() -> {
                        var row = lake.rows("SELECT max(id) FROM " + changelogTable).get(0);
                        newest.set(row.isNullAt(0) ? -1 : ((Number) row.get(0)).longValue()); // int or bigint ids
                        return newest.get() >= id;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("Row " + id + " did not reach " + changelogTable + " within " + timeout.toSeconds()
                    + " s (newest row there: " + newest.get() + "). Check the connectors' status and the Connect log.", e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until every insert the load committed is in the changelog, then audits it. */
    public static ChangelogAudit awaitComplete(Lake lake, String changelogTable, List<Long> committedInserts,
                                               Duration timeout) {
        AtomicReference<ChangelogAudit> last = new AtomicReference<>();
        try {
            Awaitility.await("all " + committedInserts.size() + " committed inserts in " + changelogTable)
                    .atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        last.set(of(lake, changelogTable, committedInserts));
                        return last.get().missingInserts().isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException(changelogTable + " still misses " + (last.get() == null ? "all"
                    : last.get().missingInserts().size() + " committed inserts (first: "
                    + last.get().missingInserts().stream().limit(10).toList() + ")") + " after " + timeout.toSeconds()
                    + " s. Check the connectors' status and the Connect log.", e);
        }
        return last.get();
    }
}
