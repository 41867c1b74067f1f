package io.cdclab.verify;

import org.apache.spark.sql.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Whether a lake value is a PostgreSQL value in another type, as Debezium (under its default and common settings)
 * or the sink encoded it: the same meaning, a type change rather than a value change. The encodings:
 * <ul>
 *   <li>timestamptz: ISO-8601 text (Debezium's ZonedTimestamp, under every time.precision.mode) with any offset and
 *       any number of fraction digits; epoch micro- or milliseconds; a wall-clock timestamp in UTC.</li>
 *   <li>timestamp: epoch micro- or milliseconds (adaptive, connect), ISO text (isostring), an instant read as UTC.</li>
 *   <li>date: epoch days, ISO text. time: micro-, milli- or nanoseconds of the day, ISO text. timetz: ISO text
 *       (ZonedTime, normalised to UTC), compared as the same instant of the day.</li>
 *   <li>numeric: text (decimal.handling.mode=string), a double that holds the same decimal (double), Debezium's
 *       struct of scale and unscaled bytes (an unconstrained numeric under precise), the unscaled bytes as base64
 *       text (precise through schemaless JSON).</li>
 *   <li>bytea: base64 (binary.handling.mode=base64, or bytes through schemaless JSON), base64-url, hex (with or
 *       without PostgreSQL's {@code \x}).</li>
 *   <li>numbers and booleans as text; arrays element by element.</li>
 * </ul>
 * Equal values of one kind are {@link TypedValues}' business; this class is asked only about values it called
 * different.
 */
public final class EncodedValues {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private static final Pattern HOURS_ONLY_OFFSET = Pattern.compile(".*[+-]\\d\\d$");
    private static final Pattern HEX = Pattern.compile("(\\\\x)?([0-9a-fA-F]{2})*");

    private EncodedValues() {
    }

    /** Whether {@code lakeValue} is {@code sourceValue} in another type (JDBC and Spark values, unwrapped here). */
    public static boolean decodes(Object sourceValue, Object lakeValue) {
        Object source = TypedValues.unwrap(sourceValue);
        Object lake = TypedValues.unwrap(lakeValue);
        if (source == null || lake == null) {
            return false;
        }
        if (source instanceof List<?> a && lake instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!TypedValues.same(a.get(i), b.get(i)) && !decodes(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (source instanceof Instant i) {
            return instant(i, lake);
        }
        if (source instanceof LocalDateTime t) {
            return wallClock(t, lake);
        }
        if (source instanceof LocalDate d) {
            return lake instanceof Number n ? d.toEpochDay() == n.longValue() : lake instanceof String s && d.toString().equals(s.strip());
        }
        if (source instanceof LocalTime t) {
            return timeOfDay(t, lake);
        }
        if (source instanceof OffsetTime t) {
            return lake instanceof String s && parse(() -> OffsetTime.parse(s.strip())).map(t::isEqual).orElse(false);
        }
        if (source instanceof BigDecimal d) {
            return decimal(d, lake);
        }
        if (source instanceof byte[] bytes) {
            return lake instanceof String s && bytes(s).stream().anyMatch(b -> Arrays.equals(b, bytes));
        }
        if (source instanceof Number n && lake instanceof String s) {
            return number(s).map(x -> x.compareTo(new BigDecimal(n.toString())) == 0).orElse(false);
        }
        if (source instanceof Boolean b && lake instanceof String s) {
            return b.toString().equalsIgnoreCase(s.strip());
        }
        return false;
    }

    private static boolean instant(Instant i, Object lake) {
        if (lake instanceof String s) {
            return isoInstant(s).map(i::equals).orElse(false);
        }
        if (lake instanceof Number n) {
            return epochCount(n, ChronoUnit.MICROS.between(Instant.EPOCH, i));
        }
        return lake instanceof LocalDateTime t && LocalDateTime.ofInstant(i, ZoneOffset.UTC).equals(t);
    }

    private static boolean wallClock(LocalDateTime t, Object lake) {
        if (lake instanceof Number n) {
            return epochCount(n, ChronoUnit.MICROS.between(EPOCH, t));
        }
        if (lake instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC).equals(t);
        }
        if (lake instanceof String s) {
            String text = s.strip().replace(' ', 'T');
            return parse(() -> LocalDateTime.parse(text)).or(() -> isoInstant(text)
                            .map(i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC)))
                    .map(t::equals).orElse(false);
        }
        return false;
    }

    /** Epoch microseconds, or milliseconds when the source has no finer part (adaptive's timestamp(0..3)). */
    private static boolean epochCount(Number n, long micros) {
        long v = n.longValue();
        return v == micros || v * 1_000 == micros;
    }

    private static boolean timeOfDay(LocalTime t, Object lake) {
        if (lake instanceof Number n) {
            long v = n.longValue();
            long nanos = t.toNanoOfDay();
            return v * 1_000 == nanos || v * 1_000_000 == nanos || v == nanos;
        }
        if (lake instanceof String s) {
            String text = s.strip();
            return parse(() -> LocalTime.parse(text)).or(() -> parse(() -> OffsetTime.parse(text).toLocalTime()))
                    .map(t::equals).orElse(false);
        }
        return false;
    }

    private static boolean decimal(BigDecimal d, Object lake) {
        if (lake instanceof String s) {
            if (number(s).map(x -> x.compareTo(d) == 0).orElse(false)) {
                return true;
            }
            // precise mode through schemaless JSON: the unscaled value's bytes as base64, the scale lost with the schema
            return base64(s).map(b -> b.length > 0 && new BigDecimal(new BigInteger(b), d.scale()).compareTo(d) == 0)
                    .orElse(false);
        }
        if (lake instanceof Double || lake instanceof Float) {
            // the same decimal only if the double's shortest form is it; digits a double cannot hold are a lost value
            return new BigDecimal(lake.toString()).compareTo(d) == 0;
        }
        return variableScaleDecimal(lake).map(x -> x.compareTo(d) == 0).orElse(false);
    }

    /** Debezium's VariableScaleDecimal (an unconstrained numeric): a struct of {@code scale} and {@code value} bytes. */
    private static Optional<BigDecimal> variableScaleDecimal(Object lake) {
        Object scale;
        Object value;
        if (lake instanceof Row row && row.schema() != null
                && List.of(row.schema().fieldNames()).containsAll(List.of("scale", "value"))) {
            scale = row.get(row.fieldIndex("scale"));
            value = row.get(row.fieldIndex("value"));
        } else if (lake instanceof Map<?, ?> map && map.containsKey("scale") && map.containsKey("value")) {
            scale = map.get("scale");
            value = map.get("value");
        } else {
            return Optional.empty();
        }
        Object unscaled = TypedValues.unwrap(value);
        byte[] bytes = unscaled instanceof byte[] b ? b : unscaled instanceof String s ? base64(s).orElse(null) : null;
        if (!(scale instanceof Number n) || bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(new BigInteger(bytes), n.intValue()));
    }

    /** ISO-8601 text with an offset (any fraction, PostgreSQL's {@code +02} too) as an instant; empty for other text. */
    static Optional<Instant> isoInstant(String text) {
        String iso = text.strip().replace(' ', 'T');
        String withMinutes = HOURS_ONLY_OFFSET.matcher(iso).matches() ? iso + ":00" : iso;   // PostgreSQL's "+02"
        return parse(() -> OffsetDateTime.parse(withMinutes).toInstant());
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every way {@code text} may hold bytes: base64, base64-url, hex. */
    private static List<byte[]> bytes(String text) {
        String s = text.strip();
        List<byte[]> candidates = new ArrayList<>();
        base64(s).ifPresent(candidates::add);
        try {
            candidates.add(Base64.getUrlDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            // not base64-url
        }
        if (HEX.matcher(s).matches()) {
            candidates.add(HexFormat.of().parseHex(s.startsWith("\\x") ? s.substring(2) : s));
        }
        return candidates;
    }

    private static Optional<byte[]> base64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T> Optional<T> parse(Supplier<T> parser) {
        try {
            return Optional.of(parser.get());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A value's type for a report: the Java class, a Spark struct or array by that name. */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Row) {
            return "struct";
        }
        if (value instanceof scala.collection.Seq<?>) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }
}
