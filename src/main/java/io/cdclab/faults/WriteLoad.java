package io.cdclab.faults;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady application write load on one table, for fault scenarios: every tick one transaction inserts row
 * {@code n}, every third tick also updates row {@code n-1} (its {@code version} goes up by one), every tenth
 * tick deletes row {@code n-5}. Every change event is therefore unique by (id, op, version), which lets an
 * audit count duplicates in the raw changelog. A tick that fails (PostgreSQL down) is counted and skipped
 * ({@link ApplicationLoad}).
 *
 * <pre>{@code
 * WriteLoad.createTable(lab.source(), "public.f3_events");
 * try (WriteLoad load = WriteLoad.start(lab.source(), "public.f3_events", Duration.ofMillis(100))) {
 *     ... inject a fault ...
 *     load.stop();
 * }
 * }</pre>
 */
public final class WriteLoad extends ApplicationLoad {
    private final SourceDatabase database;
    private final String table;
    private final AtomicLong ticks = new AtomicLong();
    private final ConcurrentSkipListSet<Long> insertedIds = new ConcurrentSkipListSet<>();
    private final Queue<Commit> commits = new ConcurrentLinkedQueue<>();

    private WriteLoad(SourceDatabase database, String table, Duration interval) {
        super("write load on " + table, "cdc-lab-write-load-" + table, 1);
        this.database = database;
        this.table = table;
        schedule(this::tick, 0, interval);
    }

    /** The table the load writes: a key, a version that each update raises, and a note. */
    public static void createTable(SourceDatabase database, String table) {
        database.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, version int NOT NULL, note text NOT NULL)");
    }

    public static WriteLoad start(SourceDatabase database, String table, Duration interval) {
        return new WriteLoad(database, table, interval);
    }

    private void tick() {
        long n = ticks.incrementAndGet();
        List<String> statements = new ArrayList<>();
        statements.add("INSERT INTO " + table + " VALUES (" + n + ", 0, 'row " + n + "')");
        if (n % 3 == 0 && n > 1) {
            statements.add("UPDATE " + table + " SET version = version + 1, note = 'updated at tick " + n
                    + "' WHERE id = " + (n - 1));
        }
        if (n % 10 == 0 && n > 5) {
            statements.add("DELETE FROM " + table + " WHERE id = " + (n - 5));
        }
        database.executeInTransaction(statements.toArray(String[]::new));
        insertedIds.add(n);
        commits.add(new Commit(System.currentTimeMillis(), statements.size()));
    }

    /** Waits until at least {@code count} transactions have committed in total; returns the newest row id. */
    public long awaitCommitted(int count, Duration timeout) {
        try {
            Awaitility.await("the write load on " + table + " to commit " + count + " transactions")
                    .atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> insertedIds.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new LabException("The write load on " + table + " committed " + insertedIds.size() + " of " + count
                    + " transactions in " + timeout.toSeconds() + " s; last error: " + lastError(), e);
        }
        return lastInsertedId();
    }

    /** The id of the newest committed row (0 before the first). */
    public long lastInsertedId() {
        return insertedIds.isEmpty() ? 0 : insertedIds.last();
    }

    /** Ids of every committed insert (some rows were deleted later by the load itself). */
    public List<Long> insertedIds() {
        return List.copyOf(insertedIds);
    }

    /**
     * The rows PostgreSQL must hold after every committed transaction: each committed insert, less the rows a
     * committed tick deleted (tick {@code n}, a multiple of ten, deletes {@code n-5}). A row acknowledged as
     * committed and missing from the table is a commit the database lost.
     */
    public Set<Long> idsThatMustExist() {
        Set<Long> present = new TreeSet<>(insertedIds);
        for (long n : insertedIds) {
            if (n % 10 == 0 && n > 5) {
                present.remove(n - 5);
            }
        }
        return present;
    }

    /** One committed transaction: when (epoch ms) and how many rows it changed; for a fault's timeline. */
    public record Commit(long atMillis, int rowChanges) {
    }

    /** Every committed transaction so far, oldest first. */
    public List<Commit> commits() {
        return List.copyOf(commits);
    }

    public String table() {
        return table;
    }
}
