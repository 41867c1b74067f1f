package io.cdclab.check;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A type as written in DDL ({@code int4}, {@code varchar(40)}, {@code timestamptz}, {@code decimal(12, 2)},
 * {@code bigserial}, {@code text[]}) in the spelling PostgreSQL's {@code format_type()} gives it, so that a schema
 * read from SQL and one read from a live database compare equal ({@link SchemaModel.Column#type()}).
 */
final class PgTypes {
    private PgTypes() {
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"), Map.entry("int8", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"), Map.entry("int2", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"), Map.entry("float8", "double precision"), Map.entry("float", "double precision"),
            Map.entry("float4", "real"), Map.entry("bool", "boolean"), Map.entry("decimal", "numeric"),
            Map.entry("varchar", "character varying"), Map.entry("char", "character"), Map.entry("bpchar", "character"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timetz", "time with time zone"), Map.entry("time", "time without time zone"),
            Map.entry("varbit", "bit varying"));

    /** e.g. {@code timestamp(3) with time zone}, {@code character varying (40)}, {@code numeric(12)}. */
    private static final Pattern SHAPE = Pattern.compile("([a-z_][a-z0-9_ .\"]*?)\\s*(\\(([^)]*)\\))?\\s*((with|without) time zone)?");

    static String normalize(String written) {
        String t = written.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        int dims = 0;
        while (t.endsWith("]")) {
            t = t.substring(0, t.lastIndexOf('[')).strip();
            dims++;
        }
        if (t.endsWith(" array")) {
            t = t.substring(0, t.length() - " array".length()).strip();
            dims = Math.max(dims, 1);
        }
        return base(t) + "[]".repeat(Math.min(dims, 1)); // format_type writes one [] whatever the dimensions
    }

    private static String base(String t) {
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) {
            return t;
        }
        String name = m.group(1).strip().replace("\"", "");
        if (name.startsWith("public.") || name.startsWith("pg_catalog.")) {
            name = name.substring(name.indexOf('.') + 1);
        }
        String args = m.group(3) == null ? null : m.group(3).replace(" ", "");
        String zone = m.group(4);
        if (name.equals("timestamp with time zone") || name.equals("timestamp without time zone")
                || name.equals("time with time zone") || name.equals("time without time zone")) {
            zone = name.substring(name.indexOf(' ') + 1);
            name = name.substring(0, name.indexOf(' '));
        }
        if (zone != null) {                      // timestamp(3) with time zone: the precision sits before the zone
            return name + (args == null ? "" : "(" + args + ")") + " " + zone;
        }
        name = ALIASES.getOrDefault(name, name);
        if (name.equals("character") && args == null) {
            return "character(1)";
        }
        if (name.equals("bit") && args == null) {
            return "bit(1)";
        }
        if (name.equals("double precision") && args != null) {      // float(p): real up to 24 bits of precision
            return Integer.parseInt(args) <= 24 ? "real" : "double precision";
        }
        if (name.equals("numeric") && args != null && !args.contains(",")) {
            args = args + ",0";
        }
        if (name.startsWith("timestamp ") || name.startsWith("time ")) {   // the alias gave "... time zone"
            String[] parts = name.split(" ", 2);
            return parts[0] + (args == null ? "" : "(" + args + ")") + " " + parts[1];
        }
        return name + (args == null ? "" : "(" + args + ")");
    }
}
