package io.cdclab.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.spark.sql.Row;
import org.postgresql.util.PGobject;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Typed equality between a value as PostgreSQL's JDBC driver returns it and the value Spark reads from Iceberg.
 * Each pair is compared as what it means, not as text: numbers by value (numeric 10.50 equals decimal 10.5, an
 * int4 read back as a long is the same value; a real is compared at float precision), timestamps as instants
 * (timestamptz) or wall-clock times (timestamp), dates and times by value, bytea byte by byte, arrays element by
 * element, json/jsonb as parsed JSON (key order and spacing ignored, as jsonb does), uuid by value.
 * Anything else is compared by its text (an enum, a domain over text, a tsvector, uuid as text). A value in
 * another kind (a timestamp as epoch microseconds or ISO text, a numeric as a string or a double) is not the same
 * here: {@link EncodedValues} then tells whether it is the same value in another type or another value.
 */
final class TypedValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TypedValues() {
    }

    static boolean same(Object source, Object lake) {
        Object a = unwrap(source);
        Object b = unwrap(lake);
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (isDecimal(x) != isDecimal(y) && (isBinaryFloat(x) || isBinaryFloat(y))) {
                return false;   // numeric as a double: the same only in another type, if at all (EncodedValues)
            }
            if (x instanceof Float || y instanceof Float) {
                return Float.compare(x.floatValue(), y.floatValue()) == 0;
            }
            if (x instanceof Double || y instanceof Double) {
                return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
            }
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JsonNode x) {
            return b instanceof String s ? x.equals(parseJson(s)) : x.equals(b);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.equals(y);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDateTime y) {
            return x.equals(y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.equals(y);
        }
        if (a instanceof LocalTime x && b instanceof LocalTime y) {
            return x.equals(y);
        }
        if (a instanceof OffsetTime x && b instanceof OffsetTime y) {
            return x.isEqual(y);
        }
        if (a instanceof UUID x) {
            return x.toString().equals(b.toString());
        }
        return sameKind(a, b) && Objects.equals(a.toString(), b.toString());
    }

    private static boolean isDecimal(Number n) {
        return n instanceof BigDecimal;
    }

    private static boolean isBinaryFloat(Number n) {
        return n instanceof Double || n instanceof Float;
    }

    /** A number, a time or bytes compared with a string is a lossy mapping, even when the text happens to match. */
    private static boolean sameKind(Object a, Object b) {
        return !(a instanceof String) && !(b instanceof String) || a instanceof String && b instanceof String;
    }

    /** Brings JDBC and Spark representations to one vocabulary: Instant, LocalDateTime, List, JsonNode, byte[]. */
    static Object unwrap(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof Time t) {
            return t.toLocalTime();
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Array array) {
            try {
                return unwrapAll(Arrays.asList((Object[]) array.getArray()));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read a PostgreSQL array: " + e.getMessage(), e);
            }
        }
        if (value instanceof Object[] array) {
            return unwrapAll(Arrays.asList(array));
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return unwrapAll(new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(seq)));
        }
        if (value instanceof List<?> list) {
            return unwrapAll(list);
        }
        if (value instanceof PGobject pg) {
            if (pg.getValue() == null) {
                return null;
            }
            return pg.getType() != null && pg.getType().startsWith("json") ? parseJson(pg.getValue()) : pg.getValue();
        }
        return value;
    }

    private static List<Object> unwrapAll(List<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(unwrap(v)));
        return out;
    }

    private static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /** A short printable form of a value for reports: bytes as hex, long strings cut. */
    static String describe(Object value) {
        Object v = unwrap(value);
        if (v == null) {
            return "NULL";
        }
        String text = v instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes)
                : v instanceof Instant i ? i.atOffset(ZoneOffset.UTC).toString()
                : v instanceof Row row && row.schema() != null ? struct(row) : v.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** A Spark struct by its fields' names and values ({@code {scale=20, value=\x...}}), not Row's positional form. */
    private static String struct(Row row) {
        StringBuilder text = new StringBuilder("{");
        for (String field : row.schema().fieldNames()) {
            text.append(text.length() > 1 ? ", " : "").append(field).append('=').append(describe(row.get(row.fieldIndex(field))));
        }
        return text.append('}').toString();
    }
}
