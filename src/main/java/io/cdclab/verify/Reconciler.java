package io.cdclab.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares rows from PostgreSQL with rows from the lake, by key and every column the source has. Values are
 * compared by what they mean ({@link TypedValues}): numbers by value, timestamps as instants or wall-clock times, bytea
 * byte by byte, arrays element by element, json as parsed JSON. A value that reached the lake in another type (a
 * timestamptz as ISO text, a date as epoch days, a numeric as a string) is reported apart from a changed value
 * ({@link Reconciliation.Kind}, decided by {@link EncodedValues}): it differs in type only, and does not stop a
 * reconciliation from matching.
 */
public final class Reconciler {
    private Reconciler() {
    }

    public static Reconciliation compare(List<Map<String, Object>> sourceRows, List<Map<String, Object>> lakeRows,
                                         List<String> keyColumns) {
        Map<List<Object>, Map<String, Object>> source = index(sourceRows, keyColumns);
        Map<List<Object>, Map<String, Object>> lake = index(lakeRows, keyColumns);
        List<Map<String, Object>> missing = new ArrayList<>();
        List<Map<String, Object>> extra = new ArrayList<>();
        List<Reconciliation.Difference> differing = new ArrayList<>();
        source.forEach((key, row) -> {
            Map<String, Object> other = lake.get(key);
            if (other == null) {
                missing.add(row);
                return;
            }
            for (Map.Entry<String, Object> column : row.entrySet()) {
                Object lakeValue = other.get(column.getKey());
                if (!sameValue(column.getValue(), lakeValue)) {
                    differing.add(new Reconciliation.Difference(keyMap(row, keyColumns), column.getKey(),
                            column.getValue(), lakeValue));
                }
            }
        });
        lake.forEach((key, row) -> {
            if (!source.containsKey(key)) {
                extra.add(row);
            }
        });
        return new Reconciliation(sourceRows.size(), lakeRows.size(), missing, extra, differing);
    }

    private static Map<List<Object>, Map<String, Object>> index(List<Map<String, Object>> rows, List<String> keyColumns) {
        Map<List<Object>, Map<String, Object>> index = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<Object> key = keyColumns.stream().map(c -> normalise(row.get(c))).toList();
            index.put(key, row);
        }
        return index;
    }

    private static Map<String, Object> keyMap(Map<String, Object> row, List<String> keyColumns) {
        Map<String, Object> key = new LinkedHashMap<>();
        keyColumns.forEach(c -> key.put(c, row.get(c)));
        return key;
    }

    static boolean sameValue(Object a, Object b) {
        return TypedValues.same(a, b);
    }

    /**
     * A key value in one form for both sides: numbers by value, an instant (a timestamptz key, as in a partitioned
     * table's primary key) as ISO text whether it arrived as a timestamp or as Debezium's ISO string.
     */
    static Object normalise(Object value) {
        Object v = TypedValues.unwrap(value);
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof String s) {
            return EncodedValues.isoInstant(s).map(Object::toString).orElse(s);
        }
        if (v instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return v == null ? null : v.toString();
    }
}
