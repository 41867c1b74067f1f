package io.cdclab.bench;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Writes row changes with server-side SQL ({@code INSERT ... SELECT generate_series}), in transactions of a fixed
 * number of rows, so the generator is never the bottleneck of a throughput run: PostgreSQL inserts hundreds of
 * thousands of rows a second this way, far faster than any stage downstream.
 */
final class ChangeGenerator implements AutoCloseable {
    private final Connection connection;
    private final String table;
    private long nextId = 1;

    private ChangeGenerator(Connection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    /** Creates {@code table} (a key, a number and a 32-character text) and opens a session on it. */
    static ChangeGenerator createTable(SourceDatabase database, String table) {
        database.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, amount int NOT NULL, note text NOT NULL)");
        try {
            Connection c = database.connect();
            c.setAutoCommit(false);
            return new ChangeGenerator(c, table);
        } catch (SQLException e) {
            throw new LabException("The change generator cannot connect to " + database + ": " + e.getMessage(), e);
        }
    }

    /** Inserts {@code rows} new rows in transactions of {@code rowsPerTransaction}; returns how long it took. */
    Duration insert(long rows, int rowsPerTransaction) {
        long start = System.nanoTime();
        long end = nextId + rows;
        String sql = "";
        try (Statement s = connection.createStatement()) {
            while (nextId < end) {
                long last = Math.min(end, nextId + rowsPerTransaction) - 1;
                sql = "INSERT INTO " + table + " SELECT g, (g % 1000)::int, md5(g::text) FROM generate_series("
                        + nextId + ", " + last + ") g";
                s.executeUpdate(sql);
                connection.commit();
                nextId = last + 1;
            }
        } catch (SQLException e) {
            throw new LabException("PostgreSQL refused the generator's " + sql + ": " + e.getMessage(), e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a session we no longer need; nothing to recover
        }
    }
}
