package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * G1: a Glue database is one level, so a table named {@code a.b.c} cannot be created in Glue: GlueCatalog refuses
 * the namespace ({@code Cannot convert namespace a.b to Glue database name}) and the table ({@code Invalid table
 * identifier: a.b.c}), as {@code GlueLakeBadInputTest.g1_aMultiLevelNamespace_isRefusedByTheGlueCatalog} shows on
 * the emulator. Reads the names the config
 * shows: {@code iceberg.tables}, a RegexRouter's replacement and DebeziumTransform's {@code cdc.target.pattern}
 * (a {@code {{placeholder}}}, a {@code {field}} and a {@code $n} count as one level each), and routing by a field
 * that holds the unrouted topic name ({@code prefix.schema.table}, three levels).
 */
public final class GlueMultiLevelNamespace extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("glue-multi-level-namespace", Severity.BREAKS, "G1",
            "Glue holds one-level namespaces only: a table named a.b.c cannot be created");

    public GlueMultiLevelNamespace() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        String catalog = Configs.quote(input.sink(), Configs.catalogKey(input.sink()));
        CheckInput.Connector sink = input.sink();
        List<Finding.Place> findings = new ArrayList<>();
        String tables = sink.get("iceberg.tables");
        if (tables != null) {
            Arrays.stream(tables.split(",")).map(String::strip).filter(name -> levels(name) > 2).findFirst()
                    .ifPresent(name -> findings.add(place(sink, "iceberg.tables", name)));
        }
        boolean routed = false;
        for (String alias : Configs.transforms(sink)) {
            String type = sink.getOrDefault("transforms." + alias + ".type", "");
            String key = type.equals(REGEX_ROUTER) ? "transforms." + alias + ".replacement"
                    : type.endsWith(".DebeziumTransform") ? "transforms." + alias + ".cdc.target.pattern" : null;
            routed |= type.equals(REGEX_ROUTER) || type.endsWith(".DebeziumTransform");
            String name = key == null ? null : sink.get(key);
            if (name != null && levels(name) > 2) {
                findings.add(place(sink, key, name));
            }
        }
        if (!routed) {
            topicNameRouteField(sink).ifPresent(key -> findings.add(Finding.place("sink: iceberg.tables.route-field",
                    Configs.quote(sink, "iceberg.tables.route-field") + " holds the topic name (" + Configs.quote(sink, key)
                            + "), and Debezium's topics are <prefix>.<schema>.<table>",
                    "Drop the topic's schema level before it becomes the table name, e.g. a RegexRouter with "
                            + "\"regex\": \"[^.]+\\\\.[^.]+\\\\.(.+)\" and \"replacement\": \"<database>.$1\" "
                            + "(the lab's changelog fixture).")));
        }
        return at(findings, catalog, "");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return Configs.isCatalog(input.sink(), "glue");
    }

    private static Finding.Place place(CheckInput.Connector sink, String key, String name) {
        return Finding.place("sink: " + key, Configs.quote(sink, key) + " gives " + levels(name) + "-level names",
                "Name each table <database>.<table>: one level of lower-case letters, digits and underscores before the table.");
    }

    /** The InsertField key whose topic field is the route field: the table name is then the topic name. */
    private static Optional<String> topicNameRouteField(CheckInput.Connector sink) {
        String field = sink.get("iceberg.tables.route-field");
        if (field == null || !"true".equalsIgnoreCase(sink.getOrDefault("iceberg.tables.dynamic-enabled", "false"))) {
            return Optional.empty();
        }
        return Configs.transforms(sink).stream()
                .filter(a -> INSERT_FIELD.equals(sink.get("transforms." + a + ".type")))
                .map(a -> "transforms." + a + ".topic.field")
                .filter(k -> field.equals(sink.get(k))).findFirst();
    }

    /** Dot-separated levels, a {@code {{placeholder}}} counting as one whatever it holds. */
    static int levels(String name) {
        String flat = name.replaceAll("\\{\\{[^}]*}}", "x").strip();
        return flat.isEmpty() ? 0 : flat.split("\\.", -1).length;
    }

    private static final String REGEX_ROUTER = "org.apache.kafka.connect.transforms.RegexRouter";
    private static final String INSERT_FIELD = "org.apache.kafka.connect.transforms.InsertField$Value";
}
