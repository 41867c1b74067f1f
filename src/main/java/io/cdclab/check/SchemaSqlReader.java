package io.cdclab.check;

import io.cdclab.errors.LabException;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the tables of a team's schema SQL without a database: {@code CREATE TABLE} (through JSqlParser), and the
 * statements that change what the rules look at: {@code ALTER TABLE} (keys, unique constraints, added columns,
 * type changes, replica identity) and {@code CREATE UNIQUE INDEX} (read by hand, {@link AlterTableReader} says why).
 * Everything else (data, functions, DO blocks, views, grants, schemas) is skipped.
 */
public final class SchemaSqlReader {
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)create\\s+(or\\s+replace\\s+)?((global|local)\\s+)?((temp|temporary|unlogged)\\s+)?table\\s.*");
    private static final Pattern TEMP_TABLE = Pattern.compile("(?is)create\\s+((global|local)\\s+)?(temp|temporary)\\s.*");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is)alter\\s+table\\s.*");
    private static final Pattern CREATE_UNIQUE_INDEX = Pattern.compile("(?is)create\\s+unique\\s+index\\s.*");

    private SchemaSqlReader() {
    }

    public static SchemaModel read(Path sqlFile) {
        String sql;
        try {
            sql = Files.readString(sqlFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("Cannot read the schema file " + sqlFile.toAbsolutePath() + ": " + e.getMessage()
                    + ". Give the path of the team's schema SQL (relative paths are relative to where the command runs).", e);
        }
        return parse(sql, sqlFile.toString());
    }

    /** @param sourceName the file name the errors and evidence name */
    public static SchemaModel parse(String sql, String sourceName) {
        Map<String, TableDraft> tables = new LinkedHashMap<>();
        PartitionSqlReader partitioning = new PartitionSqlReader();
        for (SqlStatements.Statement statement : SqlStatements.split(sql)) {
            String text = statement.text();
            if (partitioning.read(statement, sourceName, tables)) {
                continue;   // PARTITION OF, ATTACH/DETACH PARTITION, CREATE/ALTER PUBLICATION
            }
            if (CREATE_TABLE.matcher(text).matches() && !TEMP_TABLE.matcher(text).matches()) {
                TableDraft table = createTable(statement, sourceName);
                tables.put(table.qualifiedName(), table);
                partitioning.readPartitionKey(text);
            } else if (ALTER_TABLE.matcher(text).matches() || CREATE_UNIQUE_INDEX.matcher(text).matches()) {
                AlterTableReader.apply(statement, sourceName, tables);
            }
        }
        return new SchemaModel(tables.values().stream().map(TableDraft::build).toList(), partitioning.partitioned(),
                partitioning.publications());
    }

    static LabException unreadable(SqlStatements.Statement statement, String sourceName, String why) {
        return new LabException(sourceName + " line " + statement.line() + ": cannot read the statement '"
                + statement.start() + "' (" + why + "). Rewrite it in plain PostgreSQL DDL, or check against the live "
                + "database instead of the file (--jdbc-url), which reads the tables from PostgreSQL's catalog.");
    }

    /** PostgreSQL clauses JSqlParser 5.3 refuses and the rules do not need: a partitioned table's key, deferrability. */
    private static final Pattern PARTITION_KEY = Pattern.compile("(?is)\\)\\s*partition\\s+by\\s+(range|list|hash)\\s*\\(.*\\)\\s*$");
    private static final Pattern DEFERRABLE = Pattern.compile("(?i)\\b(not\\s+)?deferrable(\\s+initially\\s+(deferred|immediate))?\\b");

    private static TableDraft createTable(SqlStatements.Statement statement, String sourceName) {
        CreateTable create;
        String text = DEFERRABLE.matcher(PARTITION_KEY.matcher(statement.text()).replaceFirst(")")).replaceAll(" ");
        try {
            create = (CreateTable) CCJSqlParserUtil.parse(text);
        } catch (JSQLParserException | ClassCastException e) {
            throw unreadable(statement, sourceName, "JSqlParser: " + firstLine(e));
        }
        if (create.getColumnDefinitions() == null || create.getColumnDefinitions().isEmpty()) {
            throw unreadable(statement, sourceName, "no column list: CREATE TABLE ... AS or LIKE "
                    + "cannot be read from the file alone");
        }
        TableDraft table = new TableDraft(schemaOf(create.getTable().getSchemaName()),
                Identifiers.name(create.getTable().getName()));
        for (ColumnDefinition column : create.getColumnDefinitions()) {
            String name = Identifiers.name(column.getColumnName());
            // JSqlParser keeps a column's constraints as words: " NOT NULL ", " PRIMARY KEY ", " UNIQUE ".
            String specs = column.getColumnSpecs() == null ? " "
                    : " " + String.join(" ", column.getColumnSpecs()).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
            table.addColumn(name, PgTypes.normalize(column.getColDataType().toString()), specs.contains(" NOT NULL "));
            if (specs.contains(" PRIMARY KEY ")) {
                table.setPrimaryKey(table.name + "_pkey", List.of(name));
            } else if (specs.contains(" UNIQUE ")) {
                table.addUnique(table.name + "_" + name + "_key", List.of(name));
            }
        }
        if (create.getIndexes() != null) {
            for (Index index : create.getIndexes()) {
                String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
                if (index.getColumns() == null || !(type.startsWith("PRIMARY") || type.startsWith("UNIQUE"))) {
                    continue; // CHECK, FOREIGN KEY: nothing the rules read
                }
                List<String> columns = index.getColumnsNames().stream().map(Identifiers::name).toList();
                String named = index.getName() == null ? null : Identifiers.name(index.getName());
                if (type.startsWith("PRIMARY")) {
                    table.setPrimaryKey(named != null ? named : table.name + "_pkey", columns);
                } else if (type.startsWith("UNIQUE")) {
                    table.addUnique(named != null ? named : table.name + "_" + String.join("_", columns) + "_key", columns);
                }
            }
        }
        return table;
    }

    static String schemaOf(String written) {
        return written == null ? "public" : Identifiers.name(written);
    }

    private static String firstLine(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        return message.lines().findFirst().orElse(message).strip();
    }

    /** A table while the file is read: later statements add keys, columns and its replica identity. */
    static final class TableDraft {
        final String schema;
        final String name;
        final List<SchemaModel.Column> columns = new ArrayList<>();
        List<String> primaryKey = List.of();
        /** Index or constraint name to its columns: the primary key's and each unique one's, for USING INDEX. */
        final Map<String, List<String>> namedKeys = new LinkedHashMap<>();
        final List<List<String>> uniqueKeys = new ArrayList<>();
        SchemaModel.ReplicaIdentity identity = SchemaModel.ReplicaIdentity.DEFAULT;
        String identityIndexName;

        TableDraft(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        String qualifiedName() {
            return schema + "." + name;
        }

        void addColumn(String column, String type, boolean notNull) {
            columns.removeIf(c -> c.name().equals(column));
            columns.add(new SchemaModel.Column(column, type, notNull));
        }

        Optional<SchemaModel.Column> column(String column) {
            return columns.stream().filter(c -> c.name().equals(column)).findFirst();
        }

        void setPrimaryKey(String constraintName, List<String> keyColumns) {
            primaryKey = List.copyOf(keyColumns);
            namedKeys.put(constraintName, primaryKey);
            // A primary key's columns are NOT NULL, as the live catalog reports them.
            for (String key : keyColumns) {
                column(key).ifPresent(c -> addColumnInPlace(new SchemaModel.Column(c.name(), c.type(), true)));
            }
        }

        void addUnique(String constraintName, List<String> keyColumns) {
            namedKeys.put(constraintName, List.copyOf(keyColumns));
            uniqueKeys.add(List.copyOf(keyColumns));
        }

        void replaceNotNull(String column, boolean notNull) {
            column(column).ifPresent(c -> addColumnInPlace(new SchemaModel.Column(c.name(), c.type(), notNull)));
        }

        void replaceType(String column, String type) {
            column(column).ifPresent(c -> addColumnInPlace(new SchemaModel.Column(c.name(), type, c.notNull())));
        }

        private void addColumnInPlace(SchemaModel.Column replacement) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(replacement.name())) {
                    columns.set(i, replacement);
                }
            }
        }

        SchemaModel.Table build() {
            List<String> identityColumns = identity == SchemaModel.ReplicaIdentity.INDEX && identityIndexName != null
                    ? namedKeys.getOrDefault(identityIndexName, List.of()) : List.of();
            return new SchemaModel.Table(schema, name, columns, primaryKey, identity, uniqueKeys, identityColumns);
        }
    }
}
