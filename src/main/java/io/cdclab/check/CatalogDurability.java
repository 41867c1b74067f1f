package io.cdclab.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A live rule over the JDBC catalog's own database (F11): whether a commit the catalog acknowledges survives a crash
 * of that database. Read as the catalog's user in the catalog's database, so a per-role or per-database setting
 * counts as it does for the sink. Reads settings only; writes nothing.
 */
public final class CatalogDurability {
    public static final RuleInfo INFO = new RuleInfo("catalog-commit-not-durable", Severity.LOSES_DATA, "F11",
            "the JDBC catalog's database acknowledges commits it can lose in a crash or a failover: an Iceberg commit "
                    + "rolls back after the sink moved its offsets past the commit's rows");

    private CatalogDurability() {
    }

    /** The finding for the catalog database behind {@code connection}, its places named after {@code where}. */
    public static Optional<Finding> check(Connection connection, String where) throws SQLException {
        List<Finding.Place> findings = new ArrayList<>();
        String synchronousCommit = show(connection, "synchronous_commit");
        if ("off".equalsIgnoreCase(synchronousCommit)) {
            findings.add(Finding.place(where + ": synchronous_commit",
                    "synchronous_commit = off for the catalog's user in its database: a commit is acknowledged before "
                            + "its WAL is written, and a crash within about 3 x wal_writer_delay ("
                            + show(connection, "wal_writer_delay") + ") loses it. In F11 the catalog's row went back to "
                            + "older metadata, the sink recreated or re-committed the table, and the rows of the lost "
                            + "commit never arrived.",
                    "Set synchronous_commit = on for the catalog (ALTER DATABASE <catalog db> SET synchronous_commit "
                            + "= on, or ALTER ROLE <catalog user> SET ...; it is PostgreSQL's default), then restart "
                            + "the sink so its connections take it."));
        }
        long asyncReplicas = count(connection, "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'async'");
        String standbys = show(connection, "synchronous_standby_names");
        if (asyncReplicas > 0 && standbys.isBlank()) {
            findings.add(Finding.place(where + ": replication",
                    asyncReplicas + " replica(s) stream this database asynchronously and synchronous_standby_names is "
                            + "empty: a failover to one of them loses the newest acknowledged catalog commits, as F11's "
                            + "crash does.",
                    "Fail the catalog over only to a synchronous standby (synchronous_standby_names, with "
                            + "synchronous_commit = on or remote_apply), or restore the sink's offsets from the table's "
                            + "snapshot summaries after a failover."));
        }
        return INFO.findingAt(findings, "", "");
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // pg_stat_replication may be hidden from a non-superuser: nothing to say then
        }
    }
}
