package io.cdclab.check;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a value that came back different is: Debezium's placeholder for an unchanged TOASTed value (C5), the same
 * value in another type (C4's epoch days, epoch micro- or milliseconds, ISO-8601 text), or a changed value.
 */
final class ProbeValueCheck {
    static final String PLACEHOLDER = "__debezium_unavailable_value";
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

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

    /** Whether the lake's value is the source value in another type, by a conversion C4 shows Debezium uses. */
    static boolean decodes(Object source, Object lakeValue) {
        Object lake = lakeValue instanceof Timestamp t ? t.toInstant()
                : lakeValue instanceof java.sql.Date d ? d.toLocalDate() : lakeValue;
        if (source instanceof LocalDate d && lake instanceof Number n) {
            return d.toEpochDay() == n.longValue();
        }
        if (source instanceof LocalTime t && lake instanceof Number n) {
            long v = n.longValue();
            long nanos = t.toNanoOfDay();
            return v * 1_000 == nanos || v * 1_000_000 == nanos || v == nanos;
        }
        if (source instanceof LocalDateTime t && lake instanceof Number n) {
            long micros = ChronoUnit.MICROS.between(EPOCH, t);
            return n.longValue() == micros || n.longValue() * 1_000 == micros;
        }
        if (source instanceof LocalDateTime t && lake instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC).equals(t);
        }
        if (source instanceof Instant i && lake instanceof LocalDateTime t) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC).equals(t);
        }
        if (source instanceof Instant i && lake instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant().equals(i);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
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
        } else if (value instanceof org.apache.spark.sql.Row row && row.schema() != null) {
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

    static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof org.apache.spark.sql.Row) {
            return "struct";
        }
        if (value instanceof scala.collection.Seq<?>) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }
}
