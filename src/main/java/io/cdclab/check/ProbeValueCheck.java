package io.cdclab.check;

import io.cdclab.verify.EncodedValues;
import org.apache.spark.sql.Row;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a value that came back different is: Debezium's placeholder for an unchanged TOASTed value (C5), the same
 * value in another type (C4's epoch days, epoch micro- or milliseconds, ISO-8601 text), or a changed value.
 */
final class ProbeValueCheck {
    static final String PLACEHOLDER = "__debezium_unavailable_value";

    enum Kind { PLACEHOLDER, TYPE_CHANGED, VALUE_CHANGED }

    private ProbeValueCheck() {
    }

    static Kind classify(Object source, Object lake) {
        if (isPlaceholder(lake)) {
            return Kind.PLACEHOLDER;
        }
        return decodes(source, lake) ? Kind.TYPE_CHANGED : Kind.VALUE_CHANGED;
    }

    static boolean isPlaceholder(Object lake) {
        if (lake instanceof byte[] bytes) {
            return Arrays.equals(bytes, PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
        }
        return lake != null && String.valueOf(lake).contains(PLACEHOLDER);
    }

    /**
     * Whether the lake's value is the source value in another type: the reconciler's rule (C4's conversions), but for
     * a struct. An unconstrained numeric's struct of scale and bytes still holds the value, yet no reader can use it
     * without Debezium's own decoding, so the probe keeps calling it a changed value (fix: numeric(p,s)); the
     * reconciler, which asks only whether the value survived, calls it a type change.
     */
    static boolean decodes(Object source, Object lakeValue) {
        return !(lakeValue instanceof Row) && EncodedValues.decodes(source, lakeValue);
    }

    /** A short printable form: text quoted and cut, bytes as hex, the lake's type named. */
    static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text;
        if (value instanceof byte[] bytes) {
            String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 16));
            text = "\\x" + hex + (bytes.length > 16 ? "... (" + bytes.length + " bytes)" : "");
        } else if (value instanceof String s) {
            text = "'" + (s.length() > 40 ? s.substring(0, 37) + "...' (" + s.length() + " characters)" : s + "'");
        } else if (value instanceof Row row && row.schema() != null) {
            StringBuilder fields = new StringBuilder("{");
            for (String field : row.schema().fieldNames()) {
                fields.append(fields.length() > 1 ? ", " : "").append(field).append('=')
                        .append(describe(row.get(row.fieldIndex(field))));
            }
            text = fields.append('}').toString();
        } else {
            String s = String.valueOf(value instanceof Timestamp t ? t.toInstant() : value);
            text = s.length() > 50 ? s.substring(0, 47) + "..." : s;
        }
        return text;
    }
}
