package io.cdclab.check;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.verify.SourceRows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The probe's writes to one table on the lab's PostgreSQL, as an application would make them: row 1 before the
 * connector starts (so it comes through the snapshot), rows 2 and 3 after, an UPDATE of row 2 that changes one
 * small column and leaves its large (TOASTed) value alone, and a DELETE of row 3. Each row image is read back from
 * PostgreSQL right after the write, so the comparison uses what PostgreSQL stored (rounded, padded), not what was
 * sent. A write PostgreSQL refuses is kept with its own message.
 *
 * <p>The tables are the lab's copy of the team's schema: CHECK and foreign-key constraints are dropped first, so
 * that generated rows fit; neither changes what the pipeline does with a row.
 */
final class ProbeTableWrites {
    /** A row as PostgreSQL holds it after one write, and which write that was. */
    record Image(String label, boolean snapshot, Map<String, Object> row) {
    }

    /** A write PostgreSQL refused: the statement's kind, its SQLSTATE and PostgreSQL's message. */
    record Refusal(String statement, String sqlState, String message) {
        boolean replicaIdentity() {
            return "55000".equals(sqlState) && message.contains("replica identity");
        }
    }

    private final SourceDatabase database;
    private final SchemaModel.Table table;
    private final String name;
    private final List<Image> images = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Where each probe row is now: {@code ctid = '(0,1)' AND tableoid = 16384}; a ctid alone repeats across partitions. */
    private final Map<Integer, String> ctids = new HashMap<>();
    /** The partitions PostgreSQL put the probe rows in, when the table is partitioned (K7). */
    private final Set<String> partitionsWritten = new LinkedHashSet<>();
    private boolean partitioned;
    private String lastPartition;
    private final Map<String, List<String>> enumLabels = new HashMap<>();
    /** Columns whose type is a domain, with the domain's base type: the probe's values are the base type's. */
    private final Map<String, String> domainBaseTypes = new HashMap<>();
    private Set<String> generated = Set.of();
    private boolean identityAlways;
    private String toastColumn;
    private String updatedColumn;
    private int inserted;
    private int updated;
    private int deleted;

    ProbeTableWrites(SourceDatabase database, SchemaModel.Table table) {
        this.database = database;
        this.table = table;
        this.name = SchemaDdl.quote(table.schema()) + "." + SchemaDdl.quote(table.name());
    }

    SchemaModel.Table table() {
        return table;
    }

    List<Image> images() {
        return images;
    }

    List<Refusal> refusals() {
        return refusals;
    }

    List<String> notes() {
        return notes;
    }

    /** Whether the table is partitioned: its rows are then written into (and published from) its partitions. */
    boolean partitioned() {
        return partitioned;
    }

    /** The partitions the probe's rows went to, as PostgreSQL names them. */
    Set<String> partitionsWritten() {
        return partitionsWritten;
    }

    Optional<String> toastColumn() {
        return Optional.ofNullable(toastColumn);
    }

    Optional<String> updatedColumn() {
        return Optional.ofNullable(updatedColumn);
    }

    /** Change events the writes that PostgreSQL accepted give: one per insert, update and delete. */
    int events() {
        return inserted + updated + deleted;
    }

    int inserted() {
        return inserted;
    }

    int updated() {
        return updated;
    }

    int deleted() {
        return deleted;
    }

    /** Drops the lab copy's CHECK and foreign-key constraints and learns its generated, identity and enum columns. */
    void prepare() {
        String oid = "'" + name.replace("'", "''") + "'::regclass";
        preparePartitions(oid);
        // The large value goes where the application could put one: not into an indexed column (a btree entry holds
        // at most 8191 bytes) and not into one a CHECK constrains (an enum-like status), which the lab copy drops.
        Set<String> unfit = database.query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                        + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = " + oid + " UNION SELECT a.attname FROM "
                        + "pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
                        + "WHERE c.conrelid = " + oid + " AND c.contype = 'c'").stream()
                .map(r -> (String) r.get("attname")).collect(Collectors.toSet());
        toastColumn = table.columns().stream().filter(c -> !unfit.contains(c.name()) && !table.primaryKey().contains(c.name()))
                .filter(ProbeValues::toastable).map(SchemaModel.Column::name).findFirst().orElse(null);
        List<String> drops = database.query("SELECT conname FROM pg_constraint WHERE conrelid = " + oid
                + " AND contype IN ('c', 'f')").stream()
                .map(r -> "ALTER TABLE " + name + " DROP CONSTRAINT " + SchemaDdl.quote((String) r.get("conname"))).toList();
        if (!drops.isEmpty()) {
            database.execute(drops.toArray(String[]::new));
        }
        List<Map<String, Object>> columns = database.query("SELECT attname, attidentity, attgenerated FROM pg_attribute "
                + "WHERE attrelid = " + oid + " AND attnum > 0 AND NOT attisdropped");
        generated = columns.stream().filter(r -> !String.valueOf(r.get("attgenerated")).isBlank())
                .map(r -> (String) r.get("attname")).collect(Collectors.toSet());
        identityAlways = columns.stream().anyMatch(r -> "a".equals(String.valueOf(r.get("attidentity"))));
        database.query("SELECT a.attname, e.enumlabel FROM pg_attribute a JOIN pg_enum e ON e.enumtypid = a.atttypid "
                        + "WHERE a.attrelid = " + oid + " ORDER BY a.attname, e.enumsortorder")
                .forEach(r -> enumLabels.computeIfAbsent((String) r.get("attname"), k -> new ArrayList<>())
                        .add((String) r.get("enumlabel")));
        learnDomains(oid);
        if (toastColumn != null && generated.contains(toastColumn)) {
            toastColumn = null;
        }
        updatedColumn = table.columns().stream().map(SchemaModel.Column::name)
                .filter(c -> !table.primaryKey().contains(c) && !c.equals(toastColumn) && !generated.contains(c))
                .filter(c -> value(column(c), 2, 1).isPresent())
                .findFirst().orElse(null);
    }

    /**
     * A column of a domain type (an email, a positive amount) gets its base type's probe values, and the lab copy's
     * domains lose their CHECK constraints, as its tables do: the probe's made-up values need not satisfy them.
     */
    private void learnDomains(String oid) {
        List<Map<String, Object>> domains = database.query("SELECT a.attname, format_type(t.typbasetype, t.typtypmod) "
                + "AS base, t.oid::regtype::text AS domain, t.oid::bigint AS domain_oid FROM pg_attribute a JOIN pg_type t "
                + "ON t.oid = a.atttypid WHERE a.attrelid = " + oid + " AND a.attnum > 0 AND NOT a.attisdropped AND "
                + "t.typtype = 'd'");
        if (domains.isEmpty()) {
            return;
        }
        domains.forEach(r -> domainBaseTypes.put((String) r.get("attname"), (String) r.get("base")));
        String oids = domains.stream().map(r -> String.valueOf(r.get("domain_oid"))).distinct()
                .collect(Collectors.joining(", "));
        List<String> drops = database.query("SELECT contypid::regtype::text AS domain, conname FROM pg_constraint "
                        + "WHERE contype = 'c' AND contypid IN (" + oids + ")").stream()
                .map(r -> "ALTER DOMAIN " + r.get("domain") + " DROP CONSTRAINT " + SchemaDdl.quote((String) r.get("conname")))
                .toList();
        if (!drops.isEmpty()) {
            database.execute(drops.toArray(String[]::new));
        }
    }

    private void preparePartitions(String oid) {
        partitioned = "p".equals(database.query("SELECT relkind::text AS kind FROM pg_class WHERE oid = " + oid)
                .get(0).get("kind"));
    }

    /**
     * A partitioned table takes a row only where a partition's bound holds its key, and the probe's values are made
     * up: where no partition takes one ({@code 23514 no partition of relation ... found for row}), the lab's copy
     * gets a default partition, once, and the row is written again.
     */
    private boolean addedDefaultPartition(Optional<String> written) {
        if (written.isPresent() || !partitioned || refusals.isEmpty()
                || !"23514".equals(refusals.get(refusals.size() - 1).sqlState())
                || !refusals.get(refusals.size() - 1).message().contains("no partition")
                || notes.stream().anyMatch(n -> n.startsWith("default partition"))) {
            return false;
        }
        refusals.remove(refusals.size() - 1);
        notes.remove(notes.size() - 1);
        String base = table.name().length() > 45 ? table.name().substring(0, 45) : table.name();
        database.execute("CREATE TABLE " + SchemaDdl.quote(table.schema()) + "." + SchemaDdl.quote(base + "_probe_default")
                + " PARTITION OF " + name + " DEFAULT");
        notes.add("default partition " + base + "_probe_default added for the probe's rows");
        return true;
    }

    /** Inserts probe row {@code row} (1-3); row 2 carries the large value, row 3 NULLs where allowed. */
    void insert(int row) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (SchemaModel.Column c : table.columns()) {
            if (generated.contains(c.name())) {
                continue;
            }
            Optional<String> value = row == 2 && c.name().equals(toastColumn) ? Optional.of(ProbeValues.toastExpression(c))
                    : row == 3 && !c.notNull() && !table.primaryKey().contains(c.name()) ? Optional.of("NULL")
                    : value(c, row, 0);
            if (value.isEmpty()) {
                if (c.notNull()) {
                    notes.add("no probe value for " + c.name() + " (" + c.type() + ")");
                }
                continue;
            }
            names.add(SchemaDdl.quote(c.name()));
            values.add(value.get());
        }
        String sql = "INSERT INTO " + name + " (" + String.join(", ", names) + ")"
                + (identityAlways ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (" + String.join(", ", values)
                + ") " + RETURNING;
        Optional<String> written = write("INSERT", sql);
        if (addedDefaultPartition(written)) {
            insert(row);
            return;
        }
        if (written.isEmpty() && row == 2 && toastColumn != null) {
            // Row 2 once more without the large value; the TOAST check is then not made, and the line says why.
            Refusal refused = refusals.remove(refusals.size() - 1);
            notes.remove(notes.size() - 1);
            notes.add("no large value in " + toastColumn + ": " + refused.message());
            toastColumn = null;
            insert(row);
            return;
        }
        written.ifPresent(ctid -> {
            inserted++;
            ctids.put(row, ctid);
            if (partitioned) {
                partitionsWritten.add(lastPartition);
            }
            image(row == 1 ? "row 1 (snapshot)" : "row " + row, row == 1, ctid);
        });
    }

    /** UPDATE of row 2's small column (its large value left unchanged), then DELETE of row 3. */
    void updateAndDelete() {
        if (ctids.containsKey(2) && updatedColumn != null) {
            String sql = "UPDATE " + name + " SET " + SchemaDdl.quote(updatedColumn) + " = "
                    + value(column(updatedColumn), 2, 1).orElseThrow() + " WHERE " + ctids.get(2) + " " + RETURNING;
            write("UPDATE", sql).ifPresent(ctid -> {
                updated++;
                image("row 2 after its UPDATE", false, ctid);
            });
        } else if (updatedColumn == null) {
            notes.add("no column besides the key to update");
        }
        if (ctids.containsKey(3)) {
            write("DELETE", "DELETE FROM " + name + " WHERE " + ctids.get(3) + " " + RETURNING)
                    .ifPresent(ctid -> deleted++);
        }
    }

    private Optional<String> value(SchemaModel.Column c, int row, int variant) {
        String base = domainBaseTypes.get(c.name());
        SchemaModel.Column typed = base == null ? c : new SchemaModel.Column(c.name(), base, c.notNull());
        return ProbeValues.expression(typed, row, variant, enumLabels.getOrDefault(c.name(), List.of()));
    }

    private SchemaModel.Column column(String columnName) {
        return table.column(columnName).orElseThrow();
    }

    /** Runs one statement; the ctid it returns, or empty when PostgreSQL refused it (the refusal is kept). */
    private Optional<String> write(String kind, String sql) {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            lastPartition = rs.getString(2);
            return Optional.of(rs.getString(1));
        } catch (SQLException e) {
            Refusal refusal = new Refusal(kind, e.getSQLState(), firstLine(e.getMessage()));
            refusals.add(refusal);
            if (!refusal.replicaIdentity()) {
                notes.add(kind + " refused: " + refusal.message());
            }
            return Optional.empty();
        }
    }

    private void image(String label, boolean snapshot, String ctid) {
        List<Map<String, Object>> rows = SourceRows.read(database, "SELECT * FROM " + name + " WHERE " + ctid);
        if (rows.size() != 1) {
            throw new LabException("The probe could not read back " + label + " of " + table.qualifiedName()
                    + " (ctid " + ctid + "): " + rows.size() + " rows.");
        }
        images.add(new Image(label, snapshot, new LinkedHashMap<>(rows.get(0))));
    }

    /** Each write returns where its row is now, and the partition (or table) it is in. */
    private static final String RETURNING = "RETURNING format('ctid = %L AND tableoid = %s', ctid, tableoid), "
            + "tableoid::regclass::text";

    private static String firstLine(String message) {
        String text = message == null ? "(no message)" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
