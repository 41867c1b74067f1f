package io.cdclab.check;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The probe's values: one SQL expression per column and probe row, by type family (integers, numeric with and
 * without precision, floats, boolean, text with non-ASCII, date, time, timestamp(tz), interval, uuid, json/jsonb,
 * arrays, bytea, enums), each cast to the column's own type. Row 1 holds typical values, row 2 edge values, row 3
 * NULLs where the column allows them. Values differ per row, so unique keys hold, and {@code variant} 1 gives a
 * second value for the UPDATE. Text is cut to a column's declared length.
 */
final class ProbeValues {
    /** Over the 8 kB page, and random hex, which pglz cannot shrink by the quarter it needs: stored out of line. */
    static final int TOAST_LENGTH = 9000;
    private static final Pattern MODIFIER = Pattern.compile("\\((\\d+)(?:\\s*,\\s*(-?\\d+))?\\)");
    private static final String TEXT = " Grüße, 世界 🚀 it''s";

    private ProbeValues() {
    }

    /** Whether a value of {@value #TOAST_LENGTH} characters (or bytes) fits the column and can be TOASTed. */
    static boolean toastable(SchemaModel.Column c) {
        if (c.isArray()) {
            return false;
        }
        return switch (canonical(c.baseType())) {
            case "text", "bytea", "json", "jsonb" -> true;
            case "character varying" -> length(c.type()).map(n -> n >= TOAST_LENGTH).orElse(true);
            default -> false;
        };
    }

    /** A fresh large value for the TOAST check, random so that it is stored out of line uncompressed. */
    static String toastExpression(SchemaModel.Column c) {
        byte[] random = new byte[TOAST_LENGTH / 2];
        new SecureRandom().nextBytes(random);
        String hex = HexFormat.of().formatHex(random);
        return switch (canonical(c.baseType())) {
            case "bytea" -> "decode('" + hex + hex + "', 'hex')";
            case "json", "jsonb" -> cast("{\"blob\": \"" + hex + "\"}", c.type());
            default -> cast(hex, c.type());
        };
    }

    /** The expression for column {@code c} in probe row 1-3, or empty where the probe has no value for its type. */
    static Optional<String> expression(SchemaModel.Column c, int row, int variant, List<String> enumLabels) {
        if (c.isArray()) {
            SchemaModel.Column element = new SchemaModel.Column(c.name(), c.type().substring(0, c.type().length() - 2),
                    c.notNull());
            Optional<String> a = expression(element, row, variant, enumLabels);
            Optional<String> b = expression(element, row == 3 ? 1 : row + 1, 1 - variant, enumLabels);
            if (a.isEmpty() || b.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(row == 2 ? "CAST('{}' AS " + c.type() + ")"
                    : "CAST(ARRAY[" + a.get() + ", " + b.get() + "] AS " + c.type() + ")");
        }
        if (!enumLabels.isEmpty()) {
            return Optional.of(cast(enumLabels.get((row + variant) % enumLabels.size()).replace("'", "''"), c.type()));
        }
        int n = row * 2 + variant;   // 2..7: distinct per row and variant
        String base = canonical(c.baseType());
        String literal = switch (base) {
            case "smallint" -> row == 2 ? Integer.toString(32767 - variant) : Integer.toString(row * 100 + variant);
            case "integer" -> row == 2 ? Integer.toString(Integer.MAX_VALUE - variant) : Integer.toString(row * 100 + variant);
            case "bigint" -> row == 2 ? Long.toString(Long.MIN_VALUE + variant) : Long.toString(1234567890123L * row + variant);
            case "numeric" -> numeric(c.type(), row, variant);
            case "real" -> (variant == 0 ? List.of("1.5", "-2.25e10", "0.125") : List.of("2.5", "-3.25e10", "0.25")).get(row - 1);
            case "double precision" -> (variant == 0 ? List.of("2.718281828459045", "1e-300", "-0.5")
                    : List.of("3.141592653589793", "1e-299", "-0.75")).get(row - 1);
            case "boolean" -> Boolean.toString((row + variant) % 2 == 1);
            case "text", "character varying", "character", "citext", "name" -> text(c.type(), n);
            case "date" -> List.of("2026-11-26", "1969-12-31", "2000-02-29").get(row - 1);
            case "time without time zone" -> List.of("13:45:30.123456", "00:00:00", "23:59:59.999999").get(row - 1);
            case "time with time zone" -> List.of("13:45:30.123456+02", "00:00:00+00", "23:59:59-05").get(row - 1);
            case "timestamp without time zone" -> List.of("2026-11-26 13:45:30.123456", "1969-12-31 23:59:59.999999",
                    "2000-01-01 00:00:00").get(row - 1);
            case "timestamp with time zone" -> List.of("2026-11-26 13:45:30.123456+02", "2000-01-01 00:00:00+00",
                    "1969-12-31 23:59:59.999999-08").get(row - 1);
            case "interval" -> (row * 3 + variant) + " days 02:03:04.5";
            case "uuid" -> "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1" + Integer.toHexString(n);
            case "json", "jsonb" -> "{\"probe\": " + n + ", \"text\": \"Grüße 世界\", \"list\": [1, 2.5, null]}";
            case "bytea" -> "\\x00" + String.format(Locale.ROOT, "%02x", n) + "ff";
            case "inet" -> "192.0.2." + n;
            case "cidr" -> "192.0." + n + ".0/24";
            case "macaddr" -> "08:00:2b:01:02:0" + n;
            case "money" -> n + ".25";
            case "xml" -> "<probe row=\"" + n + "\"/>";
            default -> null;
        };
        if (literal == null) {
            return Optional.empty();
        }
        if (variant == 1 && base.startsWith("time")) {   // the second value: a second later
            return Optional.of("CAST(" + cast(literal, c.type()) + " + interval '1 second' AS " + c.type() + ")");
        }
        if (variant == 1 && base.equals("date")) {
            return Optional.of("CAST(" + cast(literal, c.type()) + " + 1 AS " + c.type() + ")");
        }
        return Optional.of(cast(literal, c.type()));
    }

    /**
     * The type's name as {@code format_type()} spells it, for a model read from SQL that used an alias
     * ({@code int}, {@code varchar}, {@code timestamptz}, {@code serial}).
     */
    static String canonical(String baseType) {
        return switch (baseType) {
            case "int", "int4", "serial", "serial4" -> "integer";
            case "int2", "smallserial", "serial2" -> "smallint";
            case "int8", "bigserial", "serial8" -> "bigint";
            case "varchar" -> "character varying";
            case "char", "bpchar" -> "character";
            case "bool" -> "boolean";
            case "float4" -> "real";
            case "float8", "float" -> "double precision";
            case "decimal" -> "numeric";
            case "timestamptz" -> "timestamp with time zone";
            case "timestamp" -> "timestamp without time zone";
            case "timetz" -> "time with time zone";
            case "time" -> "time without time zone";
            default -> baseType;
        };
    }

    private static String cast(String literal, String type) {
        return "CAST('" + literal + "' AS " + type + ")";
    }

    private static String numeric(String type, int row, int variant) {
        Matcher m = MODIFIER.matcher(type);
        if (!m.find()) {   // unconstrained: more digits than a double holds
            return (variant == 1 ? "1" : "") + List.of("3.14159265358979323846", "0.00000000000000000001",
                    "-123456789012345678901234567890.5").get(row - 1);
        }
        int precision = Integer.parseInt(m.group(1));
        int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int integerDigits = Math.max(0, precision - Math.max(scale, 0));
        String integer = integerDigits == 0 ? "0" : row == 2 ? "9".repeat(integerDigits) : Integer.toString(row);
        String fraction = scale <= 0 ? "" : "." + "1234567890".repeat(scale / 10 + 1).substring(0, scale - 1) + (row + variant) % 10;
        String sign = row == 3 ? "-" : "";
        if (integerDigits > 0 && scale <= 0) {
            integer = row == 2 ? "9".repeat(integerDigits - 1) + (9 - variant) : Integer.toString(row * 2 + variant);
        }
        return sign + integer + fraction;
    }

    private static String text(String type, int n) {
        String value = n + TEXT;
        return length(type).map(max -> cut(value, max)).orElse(value);
    }

    /** The first {@code max} characters (code points), not splitting an escaped quote. */
    private static String cut(String value, int max) {
        String unescaped = value.replace("''", "'");
        int[] points = unescaped.codePoints().limit(max).toArray();
        return new String(points, 0, points.length).replace("'", "''");
    }

    private static Optional<Integer> length(String type) {
        Matcher m = MODIFIER.matcher(type);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
