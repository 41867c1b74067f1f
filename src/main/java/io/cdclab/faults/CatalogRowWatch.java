package io.cdclab.faults;

import io.cdclab.topology.SourceDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches one table's row in an Iceberg JdbcCatalog ({@code iceberg_tables}) every few milliseconds, as the catalog
 * acknowledged it to whoever committed: the creation ({@code 00000-*.metadata.json}) and each commit after it. F11
 * times its outage from these moments, and compares what was acknowledged with what the row says after recovery.
 */
public final class CatalogRowWatch implements AutoCloseable {
    private static final Pattern VERSION = Pattern.compile("/(\\d{5,})-[^/]*\\.metadata\\.json$");

    private final SourceDatabase catalogDatabase;
    private final String catalogName;
    private final String namespace;
    private final String table;
    private final ScheduledExecutorService poller;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private Connection connection;

    /** One metadata location the catalog showed, first seen at {@code atMillis} (epoch ms). */
    public record Seen(long atMillis, String location) {
        /** The metadata file's version: 0 for the table's creation, one more for each commit. */
        public int version() {
            return CatalogRowWatch.version(location);
        }
    }

    private CatalogRowWatch(SourceDatabase catalogDatabase, String catalogName, String namespace, String table,
                            Duration every) {
        this.catalogDatabase = catalogDatabase;
        this.catalogName = catalogName;
        this.namespace = namespace;
        this.table = table;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cdc-lab-catalog-watch-" + table);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching {@code namespace.table} of the catalog called {@code catalogName} in {@code catalogDatabase}. */
    public static CatalogRowWatch start(SourceDatabase catalogDatabase, String catalogName, String namespace,
                                        String table, Duration every) {
        return new CatalogRowWatch(catalogDatabase, catalogName, namespace, table, every);
    }

    private void poll() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = catalogDatabase.connect();
            }
            Optional<String> location = read(connection);
            location.ifPresent(l -> {
                if (seen.isEmpty() || !seen.get(seen.size() - 1).location().equals(l)) {
                    seen.add(new Seen(System.currentTimeMillis(), l));
                }
            });
        } catch (SQLException | RuntimeException e) {
            // The catalog's database is down (the outage itself): poll again once it is back.
            closeQuietly();
        }
    }

    private Optional<String> read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT metadata_location FROM iceberg_tables "
                + "WHERE catalog_name = ? AND table_namespace = ? AND table_name = ?")) {
            s.setString(1, catalogName);
            s.setString(2, namespace);
            s.setString(3, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The row as the catalog holds it now, read on a new connection (after a recovery). */
    public Optional<String> readNow() {
        try (Connection c = catalogDatabase.connect()) {
            return read(c);
        } catch (SQLException e) {
            throw new io.cdclab.topology.LabException("Cannot read the catalog row of " + namespace + "." + table
                    + ": " + e.getMessage(), e);
        }
    }

    /** When the table's row first appeared (its creation), if it has. */
    public Optional<Seen> creation() {
        return seen.stream().findFirst();
    }

    /** When the catalog first acknowledged a commit (metadata version 1 or later), if it has. */
    public Optional<Seen> firstCommit() {
        return seen.stream().filter(s -> s.version() >= 1).findFirst();
    }

    /** The newest location seen so far: what the catalog had acknowledged. */
    public Optional<Seen> latest() {
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen.get(seen.size() - 1));
    }

    public List<Seen> history() {
        return List.copyOf(seen);
    }

    /** The version in a JdbcCatalog metadata file name ({@code .../00003-<uuid>.metadata.json} is 3); -1 if none. */
    public static int version(String location) {
        if (location == null) {
            return -1;
        }
        Matcher m = VERSION.matcher(location);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
