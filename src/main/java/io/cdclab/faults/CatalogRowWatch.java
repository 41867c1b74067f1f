package io.cdclab.faults;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** A JdbcCatalog table's row in {@code iceberg_tables}, watched on a connection of its own. */
public final class CatalogRowWatch extends PollingWatch {
    private final SourceDatabase catalogDatabase;
    private final String catalogName;
    private final String namespace;
    private final String table;
    private Connection connection;

    private CatalogRowWatch(SourceDatabase catalogDatabase, String catalogName, String namespace, String table,
                            Duration every) {
        super(table, every);
        this.catalogDatabase = catalogDatabase;
        this.catalogName = catalogName;
        this.namespace = namespace;
        this.table = table;
    }

    /** Starts watching {@code namespace.table} of the catalog called {@code catalogName} in {@code catalogDatabase}. */
    public static CatalogRowWatch start(SourceDatabase catalogDatabase, String catalogName, String namespace,
                                        String table, Duration every) {
        return new CatalogRowWatch(catalogDatabase, catalogName, namespace, table, every);
    }

    @Override
    synchronized Optional<String> read() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = catalogDatabase.connect();
        }
        return read(connection);
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

    @Override
    public Optional<String> readNow() {
        try (Connection c = catalogDatabase.connect()) {
            return read(c);
        } catch (SQLException e) {
            throw new LabException("Cannot read the catalog row of " + namespace + "." + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    synchronized void release() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken by the outage
            }
            connection = null;
        }
    }
}
