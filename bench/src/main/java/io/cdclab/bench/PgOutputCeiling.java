package io.cdclab.bench;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling a CDC pipeline cannot beat: the same changes read as raw pgoutput (protocol version 1) by a bare
 * logical-replication client (PgJDBC's replication API) with its own slot and publication, counting Insert,
 * Update and Delete messages and acknowledging each transaction's LSN, as Debezium does, but decoding nothing.
 *
 * <p>The slot is created before the changes are written, so it holds all of them; {@link #read} is called once the
 * pipeline is done, so the two never share the CPU.
 */
final class PgOutputCeiling implements AutoCloseable {
    private final SourceDatabase database;
    private final String name;
    private final Connection replication;

    private PgOutputCeiling(SourceDatabase database, String name, Connection replication) {
        this.database = database;
        this.name = name;
        this.replication = replication;
    }

    /** Creates publication and slot {@code name} for {@code table}; changes from now on are retained for it. */
    static PgOutputCeiling create(SourceDatabase database, String name, String table) {
        database.execute("CREATE PUBLICATION " + name + " FOR TABLE " + table);
        try {
            Connection c = replicationConnection(database);
            c.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot().logical()
                    .withSlotName(name).withOutputPlugin("pgoutput").make();
            return new PgOutputCeiling(database, name, c);
        } catch (SQLException e) {
            database.execute("DROP PUBLICATION IF EXISTS " + name);
            throw new LabException("Cannot create logical replication slot " + name + " on " + database + ": " + e.getMessage(), e);
        }
    }

    private static Connection replicationConnection(SourceDatabase database) throws SQLException {
        Properties props = new Properties();
        PGProperty.USER.set(props, database.user());
        PGProperty.PASSWORD.set(props, database.password().reveal());
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        return DriverManager.getConnection(database.jdbcUrl(), props);
    }

    /**
     * Streams from the slot until {@code changes} row changes arrived; returns the figures, with the time from
     * starting the stream to the last change. Fails with the count so far after {@code timeout}.
     */
    Map<String, Object> read(long changes, Duration timeout) {
        long inserts = 0;
        long updates = 0;
        long deletes = 0;
        long transactions = 0;
        long bytes = 0;
        ScheduledExecutorService guard = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        try (PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                .logical().withSlotName(name)
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", name)
                .withStatusInterval(1, TimeUnit.SECONDS)
                .start()) {
            // read() blocks; closing the connection at the deadline ends a read that would wait forever.
            guard.schedule(this::closeQuietly, timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (inserts + updates + deletes < changes) {
                ByteBuffer message = stream.read();
                bytes += message.remaining();
                switch ((char) message.get(message.position())) {
                    case 'I' -> inserts++;
                    case 'U' -> updates++;
                    case 'D' -> deletes++;
                    case 'C' -> {
                        transactions++;
                        stream.setAppliedLSN(stream.getLastReceiveLSN());
                        stream.setFlushedLSN(stream.getLastReceiveLSN());
                    }
                    default -> {
                        // Begin, Relation, Type, Origin, Truncate: not row changes
                    }
                }
            }
            long elapsedNanos = System.nanoTime() - start;
            stream.forceUpdateStatus();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("changes", inserts + updates + deletes);
            figures.put("inserts", inserts);
            figures.put("updates", updates);
            figures.put("deletes", deletes);
            figures.put("transactions_committed", transactions);
            figures.put("pgoutput_bytes", bytes);
            figures.put("read_ms", elapsedNanos / 1_000_000);
            figures.put("changes_per_s", Math.round(changes / (elapsedNanos / 1e9)));
            return figures;
        } catch (SQLException e) {
            throw new LabException("The bare pgoutput client read " + (inserts + updates + deletes) + " of " + changes
                    + " changes from slot " + name + " before it stopped (" + timeout.toSeconds() + " s allowed): "
                    + e.getMessage(), e);
        } finally {
            guard.shutdownNow();
        }
    }

    private void closeQuietly() {
        try {
            replication.close();
        } catch (SQLException e) {
            // the read loop reports the failure
        }
    }

    /** Drops the slot (so PostgreSQL stops retaining WAL for it) and the publication. */
    @Override
    public void close() {
        closeQuietly();
        ReplicationSlots.dropWhenInactive(database, name, Duration.ofSeconds(30));
        database.execute("DROP PUBLICATION IF EXISTS " + name);
    }
}
