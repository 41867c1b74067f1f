package io.cdclab.faults;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A large table for an initial snapshot to chew on (F12), filled server-side in one statement
 * ({@code INSERT ... SELECT ... FROM generate_series}), so a million rows cost seconds, not a client round trip each.
 *
 * <p>Its first three columns are {@link WriteLoad}'s ({@code id}, {@code version}, {@code note}), so a write load can
 * run on the same table while it is snapshotted; the typed columns have defaults for the load's short inserts. The
 * bulk rows take the ids {@code -rows .. -1}: the load's ids (1, 2, ...) never collide with them, the newest id in
 * the lake stays the load's newest row (what {@link ChangelogAudit#awaitDelivered} watches), and "id &lt; 0" selects
 * exactly the rows the snapshot must deliver, which no one changes afterwards. The typed columns are those that
 * round-trip under every converter, schemaless JSON included (a {@code numeric} would arrive there as base64 text).
 */
public final class SnapshotTable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTable.class);

    /** Every column, as the reconciliation reads them from PostgreSQL. */
    public static final String COLUMNS = "id, version, note, amount_cents, active, score";

    private final String name;
    private final long rows;

    private SnapshotTable(String name, long rows) {
        this.name = name;
        this.rows = rows;
    }

    /** Creates {@code name} (schema.table) and fills it with {@code rows} bulk rows; logs how long that took. */
    public static SnapshotTable create(SourceDatabase database, String name, long rows) {
        Timer timer = Timer.start();
        LOG.info("snapshot table {}: creating and filling {} rows", name, rows);
        database.execute("CREATE TABLE " + name + " (id bigint PRIMARY KEY, version int NOT NULL, note text NOT NULL, "
                        + "amount_cents bigint NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true, "
                        + "score double precision)",
                "INSERT INTO " + name + " SELECT -g, 0, 'bulk row ' || g, g % 100000, g % 3 <> 0, g / 7.0 "
                        + "FROM generate_series(1, " + rows + ") AS g",
                // Sets hint bits and statistics now, so the snapshot's scan does not write the table back.
                "VACUUM ANALYZE " + name);
        LOG.info("snapshot table {}: {} rows filled in {}", name, rows, timer.seconds());
        return new SnapshotTable(name, rows);
    }

    /** schema.table. */
    public String name() {
        return name;
    }

    /** How many bulk rows the snapshot must deliver (ids -rows .. -1). */
    public long rows() {
        return rows;
    }

    /** The SQL condition that selects the bulk rows, in PostgreSQL and in the lake alike. */
    public static String bulkRows() {
        return "id < 0";
    }
}
