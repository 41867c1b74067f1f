package io.cdclab.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of comparing a PostgreSQL table with its materialised Iceberg state, by key: rows only in
 * PostgreSQL (missing from the lake), rows only in the lake (extra), and values that differ. A value that differs
 * only in type (a timestamptz that reached the lake as ISO text, a date as epoch days) is reported apart from one
 * whose value changed: nothing was lost, so it does not stop the tables from {@link #matches() matching}.
 *
 * @param differing every value that differs, in value or only in type ({@link Difference#kind()})
 */
public record Reconciliation(int sourceRows, int lakeRows, List<Map<String, Object>> missing,
                             List<Map<String, Object>> extra, List<Difference> differing) {

    /** Whether a value differs, or only its type ({@link EncodedValues} tells which). */
    public enum Kind { VALUE_CHANGED, TYPE_CHANGED }

    /** No row missing, none extra, no value changed (values that reached the lake in another type allowed). */
    public boolean matches() {
        return missing.isEmpty() && extra.isEmpty() && valueChanges().isEmpty();
    }

    /** Values that changed: something was lost or altered. */
    public List<Difference> valueChanges() {
        return differing.stream().filter(d -> d.kind() == Kind.VALUE_CHANGED).toList();
    }

    /** Values that reached the lake in another type, their meaning intact. */
    public List<Difference> typeChanges() {
        return differing.stream().filter(d -> d.kind() == Kind.TYPE_CHANGED).toList();
    }

    /** How many rows differ in each column (in value or type), columns in first-seen order. */
    public Map<String, Integer> differingColumns() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        differing.forEach(d -> counts.merge(d.column(), 1, Integer::sum));
        return counts;
    }

    /** A one-paragraph summary with up to three examples of each kind of mismatch. */
    public String summary() {
        List<Difference> values = valueChanges();
        List<Difference> types = typeChanges();
        Map<String, Integer> typeColumns = new LinkedHashMap<>();
        types.forEach(d -> typeColumns.merge(d.column(), 1, Integer::sum));
        String typed = types.isEmpty() ? "" : ", " + types.size() + " only in type (the same values in another type, "
                + "per column " + typeColumns + ")";
        return String.format("%d source rows, %d lake rows: %d missing, %d extra, %d differing%s%s%s%s%s",
                sourceRows, lakeRows, missing.size(), extra.size(), values.size(), typed,
                examples("missing", missing), examples("extra", extra), examples("differing", values),
                examples("in another type", types));
    }

    private static String examples(String kind, List<?> rows) {
        return rows.isEmpty() ? "" : "; " + kind + " e.g. " + rows.subList(0, Math.min(3, rows.size()));
    }

    /** One key whose row differs: the column, both values, and whether the value or only its type changed. */
    public record Difference(Map<String, Object> key, String column, Object sourceValue, Object lakeValue, Kind kind) {

        /** A difference whose kind is worked out from the two values. */
        public Difference(Map<String, Object> key, String column, Object sourceValue, Object lakeValue) {
            this(key, column, sourceValue, lakeValue, EncodedValues.decodes(sourceValue, lakeValue)
                    ? Kind.TYPE_CHANGED : Kind.VALUE_CHANGED);
        }

        @Override
        public String toString() {
            String text = key + "." + column + ": postgres=" + TypedValues.describe(sourceValue) + " lake="
                    + TypedValues.describe(lakeValue);
            if (kind == Kind.TYPE_CHANGED) {
                text += " (the same value, but PostgreSQL's " + EncodedValues.typeName(sourceValue)
                        + " reached the lake as " + EncodedValues.typeName(lakeValue) + ": a type change)";
            }
            return text;
        }
    }
}
