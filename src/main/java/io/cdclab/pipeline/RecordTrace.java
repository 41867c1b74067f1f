package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One captured table's change event as a connector's transforms see it, worked out from the configs alone: its
 * topic and the value fields whose content the configs determine (the topic an {@code InsertField} copied, the
 * {@code _cdc.target} DebeziumTransform wrote, a table name {@code ExtractNewRecordState} added). Everything else in
 * the record (the row's own columns) is unknown here. Immutable; {@link #through} returns the record after a
 * connector's transform chain. Only what decides where the Iceberg sink writes is modelled.
 */
final class RecordTrace {
    /** What a field or the topic holds and how the configs say so; a {@code null} value is unknown, {@code how} says why. */
    record Value(String value, String how) {
        boolean known() {
            return value != null;
        }
    }

    private final Value topic;
    private final Map<String, Value> fields;
    private final String schema;
    private final String table;
    private final String database;

    private RecordTrace(Value topic, Map<String, Value> fields, String schema, String table, String database) {
        this.topic = topic;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.schema = schema;
        this.table = table;
        this.database = database;
    }

    /**
     * The event Debezium's PostgreSQL connector writes for {@code schemaTable}: topic
     * {@code <topic.prefix><topic.delimiter><schema><topic.delimiter><table>}, an envelope whose {@code source}
     * names the schema, table and database.
     */
    static RecordTrace ofDebezium(ConnectorConfig source, String schemaTable) {
        int dot = schemaTable.indexOf('.');
        String schema = schemaTable.substring(0, dot);
        String table = schemaTable.substring(dot + 1);
        String delimiter = Objects.requireNonNullElse(source.get("topic.delimiter"), ".");
        String prefix = source.get("topic.prefix");
        Value topic = prefix == null ? new Value(null, "the source config has no topic.prefix")
                : new Value(prefix + delimiter + schema + delimiter + table, "Debezium's topic");
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("source.schema", new Value(schema, "Debezium's source.schema"));
        fields.put("source.table", new Value(table, "Debezium's source.table"));
        String db = source.get("database.dbname");
        if (db != null) {
            fields.put("source.db", new Value(db, "Debezium's source.db"));
        }
        return new RecordTrace(topic, fields, schema, table, db);
    }

    Value topic() {
        return topic;
    }

    /** The field's content, or an unknown value saying why nothing the lab models fills it. */
    Value field(String name) {
        Value v = fields.get(name);
        return v != null ? v : new Value(null, "no transform the lab can read fills field " + name
                + " (it may be a column of the row, which the config cannot tell)");
    }

    /** This record after {@code connector}'s {@code transforms}, in their order. */
    RecordTrace through(ConnectorConfig connector) {
        RecordTrace at = this;
        for (String alias : aliases(connector.get("transforms"))) {
            String prefix = "transforms." + alias + ".";
            Map<String, String> props = new LinkedHashMap<>();
            connector.config().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    props.put(k.substring(prefix.length()), v);
                }
            });
            RecordTrace after = at.apply(alias, props);
            at = switch (TransformPredicate.of(connector, props.get("predicate"), props.get("negate"))
                    .appliesTo(at.topic)) {
                case YES -> after;
                case NO -> at;
                case UNKNOWN -> at.uncertainWhere(after, "transform '" + alias + "' runs under a predicate the lab "
                        + "cannot evaluate from the config");
            };
        }
        return at;
    }

    private RecordTrace apply(String alias, Map<String, String> props) {
        String type = props.getOrDefault("type", "");
        String step = "transform '" + alias + "' (" + type.substring(type.lastIndexOf('.') + 1) + ")";
        if (type.equals("org.apache.kafka.connect.transforms.RegexRouter")) {
            return withTopic(route(props.get("regex"), props.get("replacement"), step));
        }
        if (type.equals("io.debezium.transforms.ByLogicalTableRouter")) {
            return withTopic(route(props.get("topic.regex"), props.get("topic.replacement"), step));
        }
        if (type.endsWith("TimestampRouter") || type.endsWith("ContentBasedRouter") || type.contains("ExtractTopic")) {
            return withTopic(new Value(null, step + " sets the topic from the record's contents or time"));
        }
        if (type.equals("org.apache.kafka.connect.transforms.InsertField$Value")) {
            Map<String, Value> f = new LinkedHashMap<>(fields);
            String topicField = props.get("topic.field");
            if (topicField != null) {
                f.put(fieldName(topicField), new Value(topic.value(), topic.known()
                        ? "the topic as " + step + " saw it" : topic.how()));
            }
            String staticField = props.get("static.field");
            if (staticField != null) {
                f.put(fieldName(staticField), new Value(props.get("static.value"), step + "'s static.value"));
            }
            return withFields(f);
        }
        if (type.equals("org.apache.iceberg.connect.transforms.KafkaMetadataTransform")) {
            Map<String, Value> f = new LinkedHashMap<>(fields);
            String name = props.getOrDefault("field_name", "_kafka_metadata");
            boolean nested = "true".equalsIgnoreCase(props.getOrDefault("nested", "false"));
            f.put(name + (nested ? "." : "_") + "topic", new Value(topic.value(), "the topic as " + step + " saw it"));
            return withFields(f);
        }
        if (type.equals("io.debezium.transforms.ExtractNewRecordState")) {
            return flattenedByExtractNewRecordState(props);
        }
        if (type.equals("org.apache.iceberg.connect.transforms.DebeziumTransform")) {
            // {db} is source.schema where the event has one (PostgreSQL does), as the transform itself prefers it.
            String pattern = props.get("cdc.target.pattern");
            String target = pattern == null || pattern.isEmpty() ? schema + "." + table
                    : pattern.replace("{db}", schema).replace("{table}", table);
            Map<String, Value> f = new LinkedHashMap<>();
            f.put("_cdc.target", new Value(target, step + "'s cdc.target.pattern"
                    + (pattern == null ? " (default {db}.{table})" : " " + pattern)));
            f.put("_cdc.source", new Value(schema + "." + table, step + "'s _cdc.source"));
            return withFields(f);
        }
        if (type.equals("org.apache.kafka.connect.transforms.ReplaceField$Value")) {
            return withFields(replaced(props));
        }
        return this;   // converters, casts, masks, filters and the like: topic and routing fields stay as they are
    }

    /** Debezium's flattening: the row image, plus {@code add.fields} as {@code <prefix><field, dots as _>}. */
    private RecordTrace flattenedByExtractNewRecordState(Map<String, String> props) {
        Map<String, Value> f = new LinkedHashMap<>();
        String prefix = props.getOrDefault("add.fields.prefix", "__");
        for (String added : aliases(props.get("add.fields"))) {
            String source = added.startsWith("source.") ? added.substring("source.".length()) : added;
            String value = switch (source) {
                case "table" -> table;
                case "schema" -> schema;
                case "db" -> database;
                default -> null;
            };
            f.put(prefix + added.replace('.', '_'), new Value(value, "ExtractNewRecordState's add.fields " + added));
        }
        return withFields(f);
    }

    private Map<String, Value> replaced(Map<String, String> props) {
        Map<String, Value> f = new LinkedHashMap<>(fields);
        for (String excluded : aliases(props.getOrDefault("exclude", props.get("blacklist")))) {
            f.remove(excluded);
        }
        for (String rename : aliases(props.get("renames"))) {
            String[] pair = rename.split(":", 2);
            if (pair.length == 2 && f.containsKey(pair[0].strip())) {
                f.put(pair[1].strip(), f.remove(pair[0].strip()));
            }
        }
        return f;
    }

    private Value route(String regex, String replacement, String step) {
        if (!topic.known() || regex == null || replacement == null) {
            return topic.known() ? new Value(null, step + " has no regex or replacement") : topic;
        }
        try {
            Matcher m = Pattern.compile(regex).matcher(topic.value());
            // As Kafka's RegexRouter: only a topic the regex matches whole is renamed.
            return m.matches() ? new Value(m.replaceFirst(replacement), "the topic after " + step) : topic;
        } catch (PatternSyntaxException | IndexOutOfBoundsException e) {
            return new Value(null, step + "'s regex or replacement does not compile: " + e.getMessage());
        }
    }

    /** Where the transform may or may not have run: what it would change becomes unknown. */
    private RecordTrace uncertainWhere(RecordTrace after, String why) {
        Value t = Objects.equals(topic.value(), after.topic.value()) ? topic : new Value(null, why);
        Map<String, Value> f = new LinkedHashMap<>(fields);
        after.fields.forEach((name, v) -> {
            if (!Objects.equals(v.value(), field(name).value())) {
                f.put(name, new Value(null, why));
            }
        });
        return new RecordTrace(t, f, schema, table, database);
    }

    private RecordTrace withTopic(Value newTopic) {
        return new RecordTrace(newTopic, fields, schema, table, database);
    }

    private RecordTrace withFields(Map<String, Value> newFields) {
        return new RecordTrace(topic, newFields, schema, table, database);
    }

    /** InsertField's field names may end in {@code !} (required) or {@code ?} (optional). */
    private static String fieldName(String spec) {
        String s = spec.strip();
        return s.endsWith("!") || s.endsWith("?") ? s.substring(0, s.length() - 1) : s;
    }

    static List<String> aliases(String list) {
        return list == null || list.isBlank() ? List.of()
                : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "RecordTrace[topic=" + topic.value() + ", fields=" + fields.keySet().stream()
                .map(k -> k + "=" + fields.get(k).value()).toList() + "]";
    }
}
