package io.cdclab.lake;

import io.cdclab.errors.LabException;
import io.cdclab.util.Timer;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a changelog table (one appended row per change event, see {@link Changelog}) into a mirror of the source
 * table with Spark SQL {@code MERGE INTO}: per key the newest event by source position ({@code __lsn}, then the
 * Kafka offset, which orders events of one key because they share a partition), deletes applied, duplicates from
 * at-least-once delivery absorbed (a re-delivered event has the same position, so it collapses into one).
 *
 * <p>The mirror keeps {@code __lsn} of the event that wrote each row; a merge never lets an older event overwrite
 * a newer one, so re-running a merge is idempotent. The mirror follows the changelog's schema: new columns are
 * added and widened types (int to bigint, float to double, decimal precision) altered before each merge.
 *
 * <pre>{@code
 * Materializer.of(lake, "lake.cdc_orders.public.orders", List.of("id"))
 *     .carryForwardUnavailable(Materializer.DEBEZIUM_UNAVAILABLE)   // optional, see below
 *     .mergeInto("lake.mirror.orders");
 * }</pre>
 */
public final class Materializer {
    private static final Logger LOG = LoggerFactory.getLogger(Materializer.class);

    /** What Debezium writes for an unchanged TOASTed column it could not read (default replica identity). */
    public static final String DEBEZIUM_UNAVAILABLE = "__debezium_unavailable_value";

    private final Lake lake;
    private final String changelog;
    private final List<String> keys;
    private final ChangelogLayout layout;
    private String unavailablePlaceholder;

    private Materializer(Lake lake, String changelog, List<String> keys, ChangelogLayout layout) {
        this.lake = lake;
        this.changelog = changelog;
        this.keys = List.copyOf(keys);
        this.layout = layout;
    }

    /** A changelog written by the lab's changelog fixture ({@link ChangelogLayout#LAB_FIXTURE}). */
    public static Materializer of(Lake lake, String changelogTable, List<String> keyColumns) {
        return of(lake, changelogTable, keyColumns, ChangelogLayout.LAB_FIXTURE);
    }

    /** A changelog whose metadata columns {@code layout} names (a team's own sink config). */
    public static Materializer of(Lake lake, String changelogTable, List<String> keyColumns, ChangelogLayout layout) {
        if (keyColumns.isEmpty()) {
            throw new LabException("Materialising " + changelogTable + " needs key columns: without a key there is no "
                    + "way to tell which events change the same row. Give the table a primary key, or set Debezium's "
                    + "message.key.columns.");
        }
        return new Materializer(lake, changelogTable, keyColumns, layout);
    }

    /**
     * Replaces a string column's {@code placeholder} (Debezium's value for an unchanged TOASTed column it did not
     * receive) by the newest real value of that column for the same key. Needs that value somewhere earlier in the
     * changelog or already in the mirror; otherwise the placeholder stays and the reconciler shows it.
     */
    public Materializer carryForwardUnavailable(String placeholder) {
        this.unavailablePlaceholder = placeholder;
        return this;
    }

    /** The source table's columns as the changelog has them (metadata columns left out), with Spark types. */
    public Map<String, String> dataColumns() {
        lake.sql("REFRESH TABLE " + changelog);   // the sink may have evolved the schema since Spark cached it
        StructType schema = lake.sql("SELECT * FROM " + changelog + " LIMIT 0").schema();
        Map<String, String> columns = new LinkedHashMap<>();
        for (StructField field : schema.fields()) {
            if (!layout.isMetadata(field.name())) {
                columns.put(field.name(), field.dataType().sql());
            }
        }
        for (String key : keys) {
            if (!columns.containsKey(key)) {
                throw new LabException("Key column '" + key + "' is not a column of " + changelog + " (columns: "
                        + columns.keySet() + ").");
            }
        }
        for (String meta : metadataFields()) {
            if (!hasField(schema, ChangelogLayout.path(meta))) {
                throw new LabException(changelog + " has no " + meta + " column (its columns: "
                        + List.of(schema.fieldNames()) + "). The lab's " + Changelog.FIXTURE + " fixture writes "
                        + "__op, __lsn and __offset (ExtractNewRecordState add.fields=op,lsn, InsertField "
                        + "offset.field=__offset); for another layout pass a ChangelogLayout naming your columns "
                        + "(ready ones: ChangelogLayout.extractNewRecordState(), ChangelogLayout.debeziumTransform()).");
            }
        }
        return columns;
    }

    private List<String> metadataFields() {
        return Stream.of(layout.op(), layout.position(), layout.offset()).filter(Objects::nonNull).distinct().toList();
    }

    /** Whether {@code path} names a column, or a field of a struct column, of {@code schema}. */
    private static boolean hasField(StructType schema, List<String> path) {
        StructType level = schema;
        for (int i = 0; i < path.size(); i++) {
            String name = path.get(i);
            Optional<StructField> field = Arrays.stream(level.fields()).filter(f -> f.name().equals(name)).findFirst();
            if (field.isEmpty()) {
                return false;
            }
            if (i < path.size() - 1) {
                if (!(field.get().dataType() instanceof StructType nested)) {
                    return false;
                }
                level = nested;
            }
        }
        return true;
    }

    /**
     * The newest event per key, as a query: data columns plus the layout's operation and version (for the lab's
     * fixture {@code __op} and {@code __lsn}; a nested field's dots become underscores, {@code _cdc_op}). Its
     * non-delete rows are the current state, without a mirror table.
     */
    public String latestEventsSql() {
        Map<String, String> columns = dataColumns();
        String partition = keys.stream().map(Materializer::quote).collect(Collectors.joining(", "));
        String order = layout.order().stream().map(c -> field(c) + " DESC").collect(Collectors.joining(", "));
        String ascending = layout.order().stream().map(Materializer::field).collect(Collectors.joining(", "));
        List<String> select = new ArrayList<>();
        columns.forEach((name, type) -> {
            if (unavailablePlaceholder != null && type.equals("STRING") && !keys.contains(name)) {
                String c = quote(name);
                select.add("CASE WHEN " + c + " = " + literal(unavailablePlaceholder) + " THEN last_value(CASE WHEN "
                        + c + " <> " + literal(unavailablePlaceholder) + " THEN " + c + " END, true) OVER (PARTITION BY "
                        + partition + " ORDER BY " + ascending + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
                        + " ELSE " + c + " END AS " + c);
            } else {
                select.add(quote(name));
            }
        });
        select.add(field(layout.op()) + " AS " + quote(opColumn()));
        select.add(field(layout.version()) + " AS " + quote(layout.versionColumn()));
        select.add("row_number() OVER (PARTITION BY " + partition + " ORDER BY " + order + ") AS __newest");
        String names = columns.keySet().stream().map(Materializer::quote).collect(Collectors.joining(", "));
        return "SELECT " + names + ", " + quote(opColumn()) + ", " + quote(layout.versionColumn()) + " FROM (SELECT "
                + String.join(", ", select) + " FROM " + changelog + ") WHERE __newest = 1";
    }

    /** The current state as a query (no mirror): newest event per key, deletes dropped. */
    public String currentStateSql() {
        String names = dataColumns().keySet().stream().map(Materializer::quote).collect(Collectors.joining(", "));
        // Null-safe: an event without an operation (a sink that left the field out) is no delete.
        return "SELECT " + names + " FROM (" + latestEventsSql() + ") WHERE NOT (" + quote(opColumn()) + " <=> "
                + literal(layout.deleteOp()) + ")";
    }

    /**
     * Creates {@code mirrorTable} if needed, evolves its schema to the changelog's, and merges the newest event of
     * every key into it. Returns how long the merge took.
     */
    public Duration mergeInto(String mirrorTable) {
        Timer timer = Timer.start();
        Map<String, String> columns = dataColumns();
        prepareMirror(mirrorTable, columns);
        lake.sql(mergeSql(mirrorTable, columns));
        LOG.info("materialised {} into {} in {}", changelog, mirrorTable, timer.seconds());
        return timer.elapsed();
    }

    String mergeSql(String mirrorTable, Map<String, String> columns) {
        String on = keys.stream().map(k -> "t." + quote(k) + " <=> s." + quote(k)).collect(Collectors.joining(" AND "));
        String set = columns.keySet().stream().filter(c -> !keys.contains(c))
                .map(c -> "t." + quote(c) + " = " + updatedValue(c, columns.get(c)))
                .collect(Collectors.joining(", "));
        String lsn = quote(layout.versionColumn());
        String op = quote(opColumn());
        String delete = literal(layout.deleteOp());
        String insertColumns = columns.keySet().stream().map(Materializer::quote).collect(Collectors.joining(", "));
        String insertValues = columns.keySet().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
        return "MERGE INTO " + mirrorTable + " t USING (" + latestEventsSql() + ") s ON " + on
                + " WHEN MATCHED AND s." + op + " = " + delete + " AND s." + lsn + " >= t." + lsn + " THEN DELETE"
                + " WHEN MATCHED AND s." + lsn + " >= t." + lsn + " THEN UPDATE SET "
                + (set.isEmpty() ? "" : set + ", ") + "t." + lsn + " = s." + lsn
                + " WHEN NOT MATCHED AND NOT (s." + op + " <=> " + delete + ") THEN INSERT (" + insertColumns + ", " + lsn + ") VALUES ("
                + insertValues + ", s." + lsn + ")";
    }

    private String updatedValue(String column, String type) {
        String s = "s." + quote(column);
        if (unavailablePlaceholder != null && type.equals("STRING")) {
            // Still the placeholder after the window: the real value can only be the one the mirror holds.
            return "CASE WHEN " + s + " = " + literal(unavailablePlaceholder) + " THEN t." + quote(column) + " ELSE " + s + " END";
        }
        return s;
    }

    private void prepareMirror(String mirrorTable, Map<String, String> columns) {
        if (!lake.tableExists(mirrorTable)) {
            String names = columns.keySet().stream().map(Materializer::quote).collect(Collectors.joining(", "));
            namespaceOf(mirrorTable).ifPresent(ns -> lake.sql("CREATE NAMESPACE IF NOT EXISTS " + ns));
            lake.sql("CREATE TABLE " + mirrorTable + " USING iceberg AS SELECT " + names + ", " + field(layout.version())
                    + " AS " + quote(layout.versionColumn()) + " FROM " + changelog + " WHERE false");
            return;
        }
        Map<String, String> existing = new LinkedHashMap<>();
        for (StructField f : lake.sql("SELECT * FROM " + mirrorTable + " LIMIT 0").schema().fields()) {
            existing.put(f.name(), f.dataType().sql());
        }
        columns.forEach((name, type) -> {
            String had = existing.get(name);
            if (had == null) {
                lake.sql("ALTER TABLE " + mirrorTable + " ADD COLUMN " + quote(name) + " " + type);
            } else if (!had.equals(type)) {
                // Iceberg allows only widening (int->bigint, float->double, decimal precision); anything else fails here.
                lake.sql("ALTER TABLE " + mirrorTable + " ALTER COLUMN " + quote(name) + " TYPE " + type);
            }
        });
    }

    private static Optional<String> namespaceOf(String table) {
        int last = table.lastIndexOf('.');
        return last < 0 ? Optional.empty() : Optional.of(table.substring(0, last));
    }

    /** The operation's column in {@link #latestEventsSql()}: the op field, dots made underscores. */
    private String opColumn() {
        return layout.op().replace('.', '_');
    }

    /** A metadata field in Spark SQL: each level quoted, {@code `_cdc`.`op`}. */
    private static String field(String path) {
        return ChangelogLayout.path(path).stream().map(Materializer::quote).collect(Collectors.joining("."));
    }

    static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
