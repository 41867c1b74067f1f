package io.cdclab.check;

import io.cdclab.errors.LabException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The captured tables' {@link SchemaModel} from a live PostgreSQL's catalog, read only: columns and their types as
 * {@code format_type()} spells them ({@code pg_attribute}), the primary key and unique indexes ({@code pg_index}),
 * and the replica identity ({@code pg_class.relreplident}) with its index. Partial and expression indexes are left
 * out of the unique keys: neither can serve as a row's key or replica identity. A partitioned table's key and
 * partitions come with it ({@code pg_partitioned_table}, {@code pg_inherits}); the publications on request
 * ({@link #withPublications}).
 */
public final class SchemaCatalogReader {
    private static final String TABLE = "SELECT c.oid, n.nspname, c.relname, c.relreplident, c.relkind FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')";
    private static final String COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull "
            + "FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    // Column names in index order; an expression index has attnum 0 in indkey and so fewer names than indnatts.
    private static final String INDEXES = "SELECT i.indisprimary, i.indisreplident, i.indnkeyatts, "
            + "ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) "
            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE k.ord <= i.indnkeyatts "
            + "ORDER BY k.ord) AS cols "
            + "FROM pg_index i WHERE i.indrelid = ? AND i.indisunique AND i.indpred IS NULL ORDER BY i.indexrelid";
    /** A partitioned table's key, and its partitions with their bounds (the live counterpart of PartitionSqlReader). */
    private static final String PARTITION_KEY = "SELECT pg_get_partkeydef(?::oid)";
    private static final String PARTITIONS = "SELECT n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            + "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.inhparent = ? "
            + "ORDER BY n.nspname, c.relname";
    private static final String TABLES_OF_SCHEMA = "SELECT n.nspname || '.' || c.relname FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY 1";

    private SchemaCatalogReader() {
    }

    /**
     * The model of {@code tables} ({@code schema.table}, or {@code table} for schema public), in that order. A table
     * the database does not have is a {@link LabException} naming it and the tables its schema does have.
     */
    public static SchemaModel read(Connection db, List<String> tables) {
        List<SchemaModel.Table> read = new ArrayList<>();
        List<SchemaModel.PartitionedTable> partitioned = new ArrayList<>();
        try {
            for (String table : tables) {
                read.add(table(db, table, partitioned));
            }
        } catch (SQLException e) {
            throw new LabException("Could not read the tables' definitions from the database's catalog: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "). The user needs only to log in: the "
                    + "catalog (pg_class, pg_attribute, pg_index) is readable by every role.", e);
        }
        return new SchemaModel(read, partitioned, List.of());
    }

    /**
     * {@code model} with the database's publications ({@code pg_publication}: name, {@code pubviaroot}), which
     * decide whether a partitioned table's changes are published under its name (K7).
     */
    public static SchemaModel withPublications(Connection db, SchemaModel model) throws SQLException {
        List<SchemaModel.Publication> publications = rows(db,
                "SELECT pubname, pubviaroot FROM pg_publication ORDER BY pubname", rs -> new SchemaModel.Publication(rs.getString(1), rs.getBoolean(2)));
        return new SchemaModel(model.tables(), model.partitioned(), publications);
    }

    private static SchemaModel.Table table(Connection db, String qualifiedName,
                                           List<SchemaModel.PartitionedTable> partitioned) throws SQLException {
        String[] name = split(qualifiedName);
        long oid;
        String schema;
        String relname;
        char identity;
        try (PreparedStatement s = db.prepareStatement(TABLE)) {
            s.setString(1, name[0]);
            s.setString(2, name[1]);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new LabException("Table " + qualifiedName + " does not exist in the database (looked for "
                            + name[0] + "." + name[1] + "). Tables in schema " + name[0] + ": "
                            + tablesOf(db, name[0]) + ". Fix the name in --tables (schema.table), or point the check at "
                            + "the database that has it.");
                }
                oid = rs.getLong(1);
                schema = rs.getString(2);
                relname = rs.getString(3);
                identity = rs.getString(4).charAt(0);
                if (rs.getString(5).equals("p")) {
                    partitioned.add(partitioning(db, oid, schema, relname));
                }
            }
        }
        List<SchemaModel.Column> columns = rows(db, COLUMNS,
                rs -> new SchemaModel.Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)), oid);
        List<String> primaryKey = List.of();
        List<String> identityIndex = List.of();
        List<List<String>> uniqueKeys = new ArrayList<>();
        record Index(boolean primary, boolean replicaIdentity, int keyColumns, List<String> columns) {
        }
        for (Index index : rows(db, INDEXES,
                rs -> new Index(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3), names(rs.getArray(4))), oid)) {
            if (index.columns().size() != index.keyColumns()) {
                continue;   // an expression index
            }
            if (index.primary()) {
                primaryKey = index.columns();
            } else {
                uniqueKeys.add(index.columns());
            }
            if (index.replicaIdentity()) {
                identityIndex = index.columns();
            }
        }
        SchemaModel.ReplicaIdentity replicaIdentity = switch (identity) {
            case 'f' -> SchemaModel.ReplicaIdentity.FULL;
            case 'i' -> SchemaModel.ReplicaIdentity.INDEX;
            case 'n' -> SchemaModel.ReplicaIdentity.NOTHING;
            default -> SchemaModel.ReplicaIdentity.DEFAULT;
        };
        return new SchemaModel.Table(schema, relname, columns, primaryKey, replicaIdentity, uniqueKeys,
                replicaIdentity == SchemaModel.ReplicaIdentity.INDEX ? identityIndex : List.of());
    }

    private static SchemaModel.PartitionedTable partitioning(Connection db, long oid, String schema, String name)
            throws SQLException {
        String key = rows(db, PARTITION_KEY, rs -> rs.getString(1), oid).get(0);
        List<SchemaModel.Partition> partitions = rows(db, PARTITIONS,
                rs -> new SchemaModel.Partition(rs.getString(1), rs.getString(2), rs.getString(3)), oid);
        return new SchemaModel.PartitionedTable(schema, name, key, partitions);
    }

    private static List<String> names(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static List<String> tablesOf(Connection db, String schema) throws SQLException {
        List<String> found = rows(db, TABLES_OF_SCHEMA, rs -> rs.getString(1), schema);
        return found.isEmpty() ? List.of("(none)") : found;
    }

    /** Every row {@code sql} returns with {@code params} bound in order, each read by {@code row}. */
    private static <T> List<T> rows(Connection db, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(row.read(rs));
                }
                return found;
            }
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** {@code schema.table} as PostgreSQL resolves it: unquoted parts folded to lower case, quoted ones kept. */
    static String[] split(String qualifiedName) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < qualifiedName.length(); i++) {
            char ch = qualifiedName.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < qualifiedName.length() && qualifiedName.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(wasQuoted ? part.toString() : part.toString().strip().toLowerCase(Locale.ROOT));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(ch);
            }
        }
        parts.add(wasQuoted ? part.toString() : part.toString().strip().toLowerCase(Locale.ROOT));
        if (parts.size() == 1) {
            return new String[]{"public", parts.get(0)};
        }
        if (parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
            throw new LabException("Table name '" + qualifiedName + "' is not schema.table (e.g. public.orders).");
        }
        return new String[]{parts.get(0), parts.get(1)};
    }
}
