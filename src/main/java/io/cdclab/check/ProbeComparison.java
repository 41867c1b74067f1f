package io.cdclab.check;

import io.cdclab.verify.EncodedValues;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.apache.spark.sql.Row;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares what the probe wrote to one table with what the lake holds, and turns each problem into a finding.
 * It needs no knowledge of the sink's layout: each row image PostgreSQL held after a write must be one row of the
 * lake's changelog, in the source's columns (anything else in the lake is the sink's metadata). An image is matched
 * to the lake row that differs in fewest columns (the same key, where there is one); its differing values are then
 * a placeholder, a changed type, or a changed value, compared typed as the reconciler does for C4.
 */
final class ProbeComparison {
    private final ProbeTableWrites writes;
    private final ProbeReadBack.TableRead read;
    private final Hints hints;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> differingColumns = new LinkedHashSet<>();

    /** What the probe knows of the pipeline beyond the table: for the fixes' wording and the evidence. */
    record Hints(long seedRows, String snapshotMode, boolean deletesDropped, Duration waited, String connectorTrouble) {
    }

    ProbeComparison(ProbeTableWrites writes, ProbeReadBack.TableRead read, Hints hints) {
        this.writes = writes;
        this.read = read;
        this.hints = hints;
    }

    List<Finding> findings() {
        return findings;
    }

    /** Findings for this table, and its line for {@link ProbeOutcome#probed()}. */
    String compare() {
        String table = writes.table().qualifiedName();
        refusals(table);
        String lake;
        if (!read.appeared()) {
            findings.add(ProbeRules.ROWS_MISSING.finding(table, "No Iceberg table " + read.icebergTable() + " after "
                    + hints.waited().toSeconds() + " s of waiting for its " + writes.events() + " change event(s)"
                    + trouble() + ".", "The lab looked where the sink config routes " + table + "; check both "
                    + "connectors' status and the Connect log."));
            lake = "no table " + read.icebergTable();
        } else if (!read.readable()) {
            unreadable(table);
            lake = "unreadable by Spark" + (read.timeColumns().isEmpty() ? "" : " (time column " + String.join(", ", read.timeColumns()) + ")");
        } else {
            lake = read.count() + " of " + expected() + " change rows, " + compareRows(table);
        }
        String refused = writes.refusals().stream().anyMatch(ProbeTableWrites.Refusal::replicaIdentity)
                ? "; " + String.join(" and ", writes.refusals().stream().filter(ProbeTableWrites.Refusal::replicaIdentity)
                .map(ProbeTableWrites.Refusal::statement).toList()) + " refused by PostgreSQL" : "";
        List<String> noted = new ArrayList<>(writes.notes());
        if (writes.partitioned()) {
            noted.add(0, "partitioned: rows written into " + String.join(", ", writes.partitionsWritten()));
        }
        String notes = noted.isEmpty() ? "" : " (" + String.join("; ", noted) + ")";
        String snapshot = writes.images().stream().anyMatch(ProbeTableWrites.Image::snapshot) ? " (1 before the snapshot)" : "";
        return String.format(Locale.ROOT, "%s: %d inserted%s, %d updated, %d deleted%s; lake: %s%s",
                table, writes.inserted(), snapshot, writes.updated(), writes.deleted(), refused, lake, notes);
    }

    private void refusals(String table) {
        List<ProbeTableWrites.Refusal> refused = writes.refusals().stream()
                .filter(ProbeTableWrites.Refusal::replicaIdentity).toList();
        if (refused.isEmpty()) {
            return;
        }
        ProbeTableWrites.Refusal first = refused.get(0);
        findings.add(ProbeRules.WRITE_REFUSED.finding(table, "PostgreSQL refused the probe's " + first.statement()
                        + ": \"" + first.message() + "\" (SQLSTATE " + first.sqlState() + ")"
                        + (refused.size() > 1 ? "; the " + refused.get(1).statement() + " too." : "."),
                "Give " + table + " a primary key, or ALTER TABLE " + table + " REPLICA IDENTITY FULL (or USING INDEX "
                        + "on a unique index of NOT NULL columns); for an append-only table, capture it through an "
                        + "insert-only publication (publish = 'insert')."));
    }

    private void unreadable(String table) {
        String evidence = "Spark could not read " + read.icebergTable() + ": \"" + read.unreadable() + "\"";
        String fix = "Leave time.precision.mode at its default (adaptive), or keep the column out of the capture "
                + "(column.exclude.list) or cast it upstream: Spark cannot read an Iceberg time column, and so not the table.";
        if (read.timeColumns().isEmpty()) {
            findings.add(ProbeRules.COLUMN_UNREADABLE.finding(table, evidence + ".", fix));
        } else {
            read.timeColumns().forEach(c -> findings.add(ProbeRules.COLUMN_UNREADABLE.finding(table + "." + c,
                    evidence + "; the sink made " + c + " an Iceberg time column.", fix)));
        }
    }

    private static long valueChanges(List<Reconciliation.Difference> diffs) {
        return diffs.stream().filter(d -> d.kind() == Reconciliation.Kind.VALUE_CHANGED).count();
    }

    /** Orders candidate matches: fewer changed values first, then fewer differences of any kind. */
    private static long rank(List<Reconciliation.Difference> diffs) {
        return valueChanges(diffs) * 10_000 + diffs.size();
    }

    private String compareRows(String table) {
        List<Map<String, Object>> lakeRows = afterImages(read.rows());
        Set<String> lakeColumns = lakeRows.isEmpty() ? Set.of() : lakeRows.get(0).keySet();
        // Columns PostgreSQL has and the lake does not: left out of the capture (column.exclude.list), or generated.
        List<String> absent = writes.images().isEmpty() || lakeRows.isEmpty() ? List.of()
                : writes.images().get(0).row().keySet().stream().filter(c -> !lakeColumns.contains(c)).toList();
        boolean[] claimed = new boolean[lakeRows.size()];
        Map<ProbeTableWrites.Image, List<Reconciliation.Difference>> matched = new LinkedHashMap<>();
        for (boolean exactOnly : new boolean[]{true, false}) {
            for (ProbeTableWrites.Image image : writes.images()) {
                if (matched.containsKey(image)) {
                    continue;
                }
                Map<String, Object> compared = new LinkedHashMap<>(image.row());
                absent.forEach(compared::remove);
                int best = -1;
                List<Reconciliation.Difference> bestDiffs = null;
                for (int i = 0; i < lakeRows.size(); i++) {
                    if (claimed[i]) {
                        continue;
                    }
                    List<Reconciliation.Difference> diffs = Reconciler.compare(List.of(compared), List.of(lakeRows.get(i)),
                            List.of()).differing();
                    // A key column whose value arrived as another type (a timestamptz as ISO text) is still the same
                    // key: the row is there, and the type change is reported as one.
                    boolean sameKey = diffs.stream().noneMatch(d -> writes.table().primaryKey().contains(d.column())
                            && d.kind() == Reconciliation.Kind.VALUE_CHANGED);
                    // Same values, perhaps in another type (every timestamptz arrives as text), is a match first; a
                    // changed value only where nothing better is left. Fewest changed values win, then fewest diffs:
                    // for a keyless table two images can differ from a lake row in one column each, one by type only.
                    boolean acceptable = exactOnly ? valueChanges(diffs) == 0 : sameKey
                            && (!writes.table().primaryKey().isEmpty() || diffs.size() * 2 <= compared.size());
                    if (acceptable && (bestDiffs == null || rank(diffs) < rank(bestDiffs))) {
                        best = i;
                        bestDiffs = diffs;
                    }
                }
                if (best >= 0) {
                    claimed[best] = true;
                    matched.put(image, bestDiffs);
                }
            }
        }
        matched.forEach((image, diffs) -> diffs.forEach(d -> difference(table, image, d)));
        List<ProbeTableWrites.Image> missing = writes.images().stream().filter(i -> !matched.containsKey(i)).toList();
        missing(table, missing);
        String verdict = missing.isEmpty() && differingColumns.isEmpty() ? "written values match"
                : (missing.isEmpty() ? "" : missing.size() + " row image(s) missing" + (differingColumns.isEmpty() ? "" : ", "))
                + (differingColumns.isEmpty() ? "" : "differing: " + String.join(", ", differingColumns));
        return verdict + (absent.isEmpty() ? "" : "; not in the lake: " + String.join(", ", absent));
    }

    /**
     * A sink without a flattening transform writes Debezium's whole envelope: the row is then the {@code after}
     * struct (null for a delete, whose row still counts as a change row).
     */
    private List<Map<String, Object>> afterImages(List<Map<String, Object>> rows) {
        if (rows.isEmpty() || writes.images().isEmpty() || !(rows.get(0).containsKey("after"))
                || writes.images().get(0).row().keySet().stream().anyMatch(rows.get(0)::containsKey)) {
            return rows;
        }
        List<Map<String, Object>> after = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (row.get("after") instanceof Row image) {
                Map<String, Object> columns = new LinkedHashMap<>();
                for (String field : image.schema().fieldNames()) {
                    columns.put(field, image.get(image.fieldIndex(field)));
                }
                after.add(columns);
            }
        }
        return after;
    }

    private void missing(String table, List<ProbeTableWrites.Image> missing) {
        long expected = expected();
        String waited = " after " + hints.waited().toSeconds() + " s";
        if (!missing.isEmpty() && writes.partitioned() && missing.stream().noneMatch(ProbeTableWrites.Image::snapshot)
                && writes.images().stream().anyMatch(ProbeTableWrites.Image::snapshot)) {
            findings.add(ProbeRules.PARTITION_CHANGES_MISSING.finding(table, String.join(", ", missing.stream()
                            .map(ProbeTableWrites.Image::label).toList()) + ", written after the snapshot into partition"
                            + (writes.partitionsWritten().size() == 1 ? " " : "s ") + String.join(", ", writes.partitionsWritten()) + ", not found in " + read.icebergTable() + waited
                            + ", which holds " + read.count() + " of " + expected + " change rows: the snapshot's row arrived, "
                            + "no change after it" + trouble() + ". The publication publishes each partition's changes under "
                            + "the partition's name, which table.include.list does not name.",
                    "Publish via the partition root: CREATE PUBLICATION <name> FOR TABLE " + table + ", ... WITH "
                            + "(publish_via_partition_root = true) with publication.name=<name> and "
                            + "publication.autocreate.mode=disabled on the source, or publish.via.partition.root=true "
                            + "before Debezium first creates its publication (for an existing one: ALTER PUBLICATION <name> "
                            + "SET (publish_via_partition_root = true)). Keep the parent in table.include.list (K7)."));
        } else if (!missing.isEmpty()) {
            boolean snapshot = missing.stream().anyMatch(ProbeTableWrites.Image::snapshot);
            findings.add(ProbeRules.ROWS_MISSING.finding(table, String.join(", ", missing.stream()
                            .map(ProbeTableWrites.Image::label).toList()) + " not found in " + read.icebergTable()
                            + waited + ", which holds " + read.count() + " of " + expected + " change rows" + trouble() + ".",
                    snapshot ? "Row 1 existed before the connector started and only a snapshot brings it: snapshot.mode="
                            + hints.snapshotMode() + " did not. Use snapshot.mode=initial (C1), or load history another way."
                            : "Check both connectors' status and the Connect log; the sink must route each table's "
                            + "events to one table of its own (here " + read.icebergTable() + ")."));
        } else if (read.count() < expected) {
            findings.add(ProbeRules.ROWS_MISSING.finding(table, read.icebergTable() + " holds " + read.count() + " of "
                            + expected + " change rows" + waited + ": every written row arrived, so the missing event is the "
                            + "DELETE (" + writes.deleted() + " written). Its current state keeps deleted rows.",
                    hints.deletesDropped() ? "Set delete.tombstone.handling.mode=rewrite on the sink's ExtractNewRecordState: "
                            + "by default it turns a delete into a tombstone, which the Iceberg sink skips."
                            : "Keep delete events in the sink's transforms (the Iceberg sink skips tombstones): "
                            + "ExtractNewRecordState with delete.tombstone.handling.mode=rewrite, or DebeziumTransform."));
        }
    }

    private void difference(String table, ProbeTableWrites.Image image, Reconciliation.Difference d) {
        String where = table + "." + d.column();
        String type = writes.table().column(d.column()).map(SchemaModel.Column::type).orElse("?");
        ProbeValueCheck.Kind kind = ProbeValueCheck.classify(d.sourceValue(), d.lakeValue());
        RuleInfo rule = switch (kind) {
            case PLACEHOLDER -> ProbeRules.TOAST_PLACEHOLDER;
            case TYPE_CHANGED -> ProbeRules.TYPE_CHANGED;
            case VALUE_CHANGED -> ProbeRules.VALUE_CHANGED;
        };
        differingColumns.add(d.column());
        if (findings.stream().anyMatch(f -> f.rule() == rule && f.where().equals(where))) {
            return;   // one finding per column and rule: the first example says enough
        }
        String evidence = kind == ProbeValueCheck.Kind.PLACEHOLDER
                ? image.label() + " (the UPDATE changed only " + writes.updatedColumn().orElse("another column")
                + "): the lake holds '" + ProbeValueCheck.PLACEHOLDER + "' in " + d.column() + " instead of its "
                + ProbeValueCheck.describe(d.sourceValue())
                : image.label() + ": wrote " + ProbeValueCheck.describe(d.sourceValue()) + " (" + type + "), the lake holds "
                + ProbeValueCheck.describe(d.lakeValue()) + " (" + EncodedValues.typeName(d.lakeValue()) + ")";
        findings.add(rule.finding(where, evidence + ".", fix(kind, table, d.column(), type)));
    }

    private static String fix(ProbeValueCheck.Kind kind, String table, String column, String type) {
        if (kind == ProbeValueCheck.Kind.PLACEHOLDER) {
            return "ALTER TABLE " + table + " REPLICA IDENTITY FULL (the old row is then logged whole), or carry the "
                    + "last real value forward when materialising (Materializer.carryForwardUnavailable).";
        }
        String base = ProbeValues.canonical(type.replaceAll("\\(.*\\)", "").replace("[]", "").strip());
        if (base.equals("numeric") && !type.contains("(")) {
            return "Declare " + column + " numeric(p,s), or set decimal.handling.mode=string in the source: an "
                    + "unconstrained numeric arrives as a struct of scale and bytes.";
        }
        if (base.equals("timestamp with time zone")) {
            return "Cast it when reading (CAST(" + column + " AS timestamp)): Debezium sends timestamptz as ISO-8601 "
                    + "text under every time.precision.mode.";
        }
        if (base.startsWith("date") || base.startsWith("time")) {
            return kind == ProbeValueCheck.Kind.TYPE_CHANGED
                    ? "Convert when reading (days or microseconds since 1970), or set time.precision.mode=connect for "
                    + "real dates (then exclude time columns, which Spark cannot read)."
                    : "Keep time.precision.mode at adaptive for this column (connect keeps milliseconds only), or "
                    + "cast it upstream.";
        }
        return "Cast " + column + " upstream to a type that round-trips (see the C4 table in the lab's report), or "
                + "convert it when reading.";
    }

    /** Change rows the lake should hold: the probe's events and the rows the schema SQL inserted (snapshot reads). */
    private long expected() {
        return writes.events() + hints.seedRows();
    }

    private String trouble() {
        return hints.connectorTrouble() == null ? "" : "; connector status: " + hints.connectorTrouble();
    }
}
