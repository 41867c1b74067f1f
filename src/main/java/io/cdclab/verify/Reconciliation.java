package io.cdclab.verify;

import java.util.List;
import java.util.Map;

/**
 * The outcome of comparing a PostgreSQL table with its materialised Iceberg state, by key: rows only in
 * PostgreSQL (missing from the lake), rows only in the lake (extra), and rows whose values differ.
 */
public record Reconciliation(int sourceRows, int lakeRows, List<Map<String, Object>> missing,
                             List<Map<String, Object>> extra, List<Difference> differing) {

    public boolean matches() {
        return missing.isEmpty() && extra.isEmpty() && differing.isEmpty();
    }

    /** How many rows differ in each column, columns in first-seen order. */
    public Map<String, Integer> differingColumns() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        differing.forEach(d -> counts.merge(d.column(), 1, Integer::sum));
        return counts;
    }

    /** A one-paragraph summary with up to three examples of each kind of mismatch. */
    public String summary() {
        return String.format("%d source rows, %d lake rows: %d missing, %d extra, %d differing%s%s%s",
                sourceRows, lakeRows, missing.size(), extra.size(), differing.size(),
                examples("missing", missing), examples("extra", extra), examples("differing", differing));
    }

    private static String examples(String kind, List<?> rows) {
        return rows.isEmpty() ? "" : "; " + kind + " e.g. " + rows.subList(0, Math.min(3, rows.size()));
    }

    /** One key whose row differs: the column and both values. */
    public record Difference(Map<String, Object> key, String column, Object sourceValue, Object lakeValue) {
        @Override
        public String toString() {
            String text = key + "." + column + ": postgres=" + TypedValues.describe(sourceValue) + " lake="
                    + TypedValues.describe(lakeValue);
            // Same text, other kinds: the value survived, its type did not (e.g. decimal.handling.mode=string).
            if (sourceValue != null && lakeValue != null && sourceValue.getClass() != lakeValue.getClass()
                    && String.valueOf(sourceValue).equals(String.valueOf(lakeValue))) {
                text += " (the same text, but PostgreSQL's " + sourceValue.getClass().getSimpleName()
                        + " reached the lake as " + lakeValue.getClass().getSimpleName() + ": a type mapping)";
            }
            return text;
        }
    }
}
