package io.cdclab.bench;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inserts probe rows at a fixed rate, each in its own transaction on one open session, and keeps each probe's
 * commit instant as the client saw it: the moment COMMIT returned (autocommit), which is when an application
 * would consider the row written.
 */
final class ProbeWriter implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement insert;
    private final Map<Long, Long> committedAt = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1);
    private final long count;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cdc-lab-bench-probe-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile SQLException failure;

    private ProbeWriter(Connection connection, PreparedStatement insert, long count) {
        this.connection = connection;
        this.insert = insert;
        this.count = count;
    }

    /** The probe table: a key and the time the client sent the probe (for people reading the lake). */
    static void createTable(SourceDatabase database, String table) {
        database.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, sent_at timestamptz NOT NULL)");
    }

    static ProbeWriter open(SourceDatabase database, String table, long count) {
        try {
            Connection c = database.connect();
            c.setAutoCommit(true);
            return new ProbeWriter(c, c.prepareStatement("INSERT INTO " + table + " VALUES (?, now())"), count);
        } catch (SQLException e) {
            throw new LabException("The probe writer cannot connect to " + database + ": " + e.getMessage(), e);
        }
    }

    /** Writes one probe now, outside the schedule (the warm-up probe); returns its commit instant. */
    long writeNow(long id) {
        try {
            insert.setLong(1, id);
            insert.executeUpdate();
            long at = System.currentTimeMillis();
            committedAt.put(id, at);
            return at;
        } catch (SQLException e) {
            throw new LabException("Probe " + id + " was refused: " + e.getMessage(), e);
        }
    }

    /** Writes probes 1..count, {@code perSecond} a second, in the background. */
    void start(int perSecond) {
        scheduler.scheduleAtFixedRate(() -> {
            long id = next.getAndIncrement();
            if (id > count) {
                scheduler.shutdown();
                return;
            }
            try {
                writeNow(id);
            } catch (LabException e) {
                failure = (SQLException) e.getCause();
                scheduler.shutdown();
            }
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** Commit instants (epoch ms) of every probe written so far, by id. */
    Map<Long, Long> committedAt() {
        if (failure != null) {
            throw new LabException("The probe writer stopped: " + failure.getMessage(), failure);
        }
        return committedAt;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            // the session is no longer needed
        }
    }
}
