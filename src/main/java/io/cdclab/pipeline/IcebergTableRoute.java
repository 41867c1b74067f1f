package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;
import io.cdclab.errors.LabException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which Iceberg table a captured table's change events land in, read from the connectors' actual configs the way the
 * Apache Iceberg sink routes (its docs' "Multi-table fan-out"): the event goes through the source's and the sink's
 * transforms ({@link RecordTrace}), then
 * <ul>
 *   <li>dynamic routing ({@code iceberg.tables.dynamic-enabled=true}): the table is the value of
 *       {@code iceberg.tables.route-field}, lower-cased, however many levels it has;</li>
 *   <li>static routing with a route field: each table of {@code iceberg.tables} whose
 *       {@code iceberg.table.<table>.route-regex} matches the whole value;</li>
 *   <li>static routing without one: every table of {@code iceberg.tables}, with every event.</li>
 * </ul>
 * The name is as the sink gives it to the catalog ({@code namespace.table}, the namespace one level or more), without
 * the catalog. Where the configs cannot tell, the route says why instead.
 */
public record IcebergTableRoute(Optional<String> table, String how) {
    private static final String DYNAMIC = "iceberg.tables.dynamic-enabled";
    private static final String ROUTE_FIELD = "iceberg.tables.route-field";
    private static final String TABLES = "iceberg.tables";

    /** Where {@code schemaTable}'s events land with these configs: the table and how it follows, or why not. */
    public static IcebergTableRoute of(ConnectorConfig source, ConnectorConfig sink, String schemaTable) {
        RecordTrace inKafka = RecordTrace.ofDebezium(source, schemaTable).through(source);
        Optional<String> unsubscribed = unsubscribed(sink, inKafka.topic());
        if (unsubscribed.isPresent()) {
            return unknown(unsubscribed.get());
        }
        RecordTrace atSink = inKafka.through(sink);
        String routeField = blankToNull(sink.get(ROUTE_FIELD));
        if ("true".equalsIgnoreCase(String.valueOf(sink.get(DYNAMIC)).strip())) {
            if (routeField == null) {
                return unknown(DYNAMIC + "=true without " + ROUTE_FIELD + ", which the sink requires");
            }
            RecordTrace.Value value = atSink.field(routeField);
            return value.known()
                    ? new IcebergTableRoute(Optional.of(value.value().toLowerCase(Locale.ROOT)), "dynamic routing on "
                    + routeField + ", which holds " + value.how() + ": " + value.value())
                    : unknown("dynamic routing on " + routeField + ", and " + value.how());
        }
        List<String> tables = RecordTrace.aliases(sink.get(TABLES));
        if (tables.isEmpty()) {
            return unknown("the sink has neither " + TABLES + " nor " + DYNAMIC + "=true");
        }
        if (routeField == null) {
            return tables.size() == 1 ? new IcebergTableRoute(Optional.of(tables.get(0)), TABLES + " names one table")
                    : unknown(TABLES + " names " + tables + " and no " + ROUTE_FIELD + ": every event goes to each of them");
        }
        RecordTrace.Value value = atSink.field(routeField);
        if (!value.known()) {
            return unknown("static routing on " + routeField + ", and " + value.how());
        }
        return staticRoute(sink, tables, routeField, value);
    }

    /**
     * The error for a table this route cannot name: why, the tables the catalog holds now (at most {@code limit},
     * listed through the lake), and how to name the table by hand.
     */
    LabException cannotTell(String pipelineId, String sinkName, String schemaTable, String catalog,
                            Supplier<List<String>> catalogTables, int limit) {
        String found;
        try {
            List<String> tables = catalogTables.get();
            found = tables.isEmpty() ? "none yet" : String.join(", ", tables) + (tables.size() >= limit ? ", ..." : "");
        } catch (RuntimeException e) {
            found = "(could not list them: " + e.getMessage() + ")";
        }
        return new LabException("Pipeline " + pipelineId + ": cannot tell from sink " + sinkName + "'s config which "
                + "Iceberg table " + schemaTable + " lands in: " + how + ". Tables in catalog " + catalog + " now: "
                + found + ". Name it by hand before start(): lab.pipeline(\"" + pipelineId + "\")...icebergTable(\""
                + schemaTable + "\", \"<namespace>.<table>\") (the name the sink writes to, without the catalog).");
    }

    private static IcebergTableRoute staticRoute(ConnectorConfig sink, List<String> tables, String routeField,
                                                 RecordTrace.Value value) {
        List<String> matching = tables.stream().filter(t -> routes(sink.get("iceberg.table." + t + ".route-regex"),
                value.value())).toList();
        String routed = "static routing on " + routeField + ", which holds " + value.how() + ": " + value.value();
        if (matching.size() == 1) {
            return new IcebergTableRoute(Optional.of(matching.get(0)), routed + ", matched by iceberg.table."
                    + matching.get(0) + ".route-regex");
        }
        return unknown(routed + (matching.isEmpty() ? ", which no iceberg.table.<table>.route-regex of " + tables
                + " matches whole (the sink skips such events)" : ", which the route-regex of each of " + matching
                + " matches (the events land in all of them)"));
    }

    private static boolean routes(String regex, String value) {
        try {
            return regex != null && Pattern.compile(regex).matcher(value).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** Why the sink never reads the topic, if it does not subscribe to it ({@code topics} or {@code topics.regex}). */
    private static Optional<String> unsubscribed(ConnectorConfig sink, RecordTrace.Value topic) {
        if (!topic.known()) {
            return Optional.of("its topic is unknown: " + topic.how());
        }
        String regex = blankToNull(sink.get("topics.regex"));
        if (regex != null) {
            boolean matches;
            try {
                matches = Pattern.compile(regex).matcher(topic.value()).matches();
            } catch (PatternSyntaxException e) {
                return Optional.of("the sink's topics.regex does not compile: " + e.getMessage());
            }
            return matches ? Optional.empty() : Optional.of("the sink's topics.regex " + regex + " does not match its "
                    + "topic " + topic.value());
        }
        List<String> topics = RecordTrace.aliases(sink.get("topics"));
        return topics.contains(topic.value()) ? Optional.empty()
                : Optional.of("the sink's topics " + topics + " do not include its topic " + topic.value());
    }

    private static IcebergTableRoute unknown(String why) {
        return new IcebergTableRoute(Optional.empty(), why);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
