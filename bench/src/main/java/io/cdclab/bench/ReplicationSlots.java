package io.cdclab.bench;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;

/**
 * Drops a replication slot once its reader has let go of it. A slot left behind keeps PostgreSQL retaining WAL,
 * which would slow every later run of a benchmark that writes a million rows.
 */
final class ReplicationSlots {
    private ReplicationSlots() {
    }

    static void dropWhenInactive(SourceDatabase database, String slot, Duration timeout) {
        String quoted = "'" + slot.replace("'", "''") + "'";
        try {
            Awaitility.await("replication slot " + slot + " to be released by its reader").atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> database.query("SELECT count(*) AS n FROM pg_replication_slots WHERE slot_name = "
                            + quoted + " AND active").get(0).get("n").equals(0L));
        } catch (ConditionTimeoutException e) {
            throw new LabException("Replication slot " + slot + " is still in use after " + timeout.toSeconds()
                    + " s; drop it by hand (SELECT pg_drop_replication_slot(" + quoted + ")) or it retains WAL.", e);
        }
        database.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = " + quoted);
    }
}
