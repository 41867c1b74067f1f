package io.cdclab.cli;

import io.cdclab.connect.ConnectorFixture;
import io.cdclab.errors.LabException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A team's own pipeline for the main job: {@code --schema FILE --source FILE --sink FILE --tables a,b}, plus
 * {@code --set name=value} for placeholders of its own and {@code --id name} (default {@code team}). The seed's
 * docker-compose up and its two curl scripts, with the team's files. Everything that can be checked before a server
 * starts is checked here, each error naming the file or option and the fix.
 */
record TeamPipeline(String id, Path schema, ConnectorFixture source, ConnectorFixture sink, List<String> tables,
                    Map<String, String> values) {
    static final List<String> OPTIONS = List.of("--schema", "--source", "--sink", "--tables");
    /** What the lab fills in itself (Pipeline's placeholders); everything else a fixture uses needs --set. */
    static final Set<String> LAB_PLACEHOLDERS = Set.of("connector.name", "postgres.host", "postgres.port",
            "postgres.database", "postgres.user", "topic.prefix", "table.include.list", "slot.name",
            "publication.name", "kafka.partitions", "topics.regex", "iceberg.namespace", "iceberg.control.topic",
            "iceberg.commit.interval.ms");

    /** Empty when none of the team options is given (the demo runs); an error when only some are. */
    static Optional<TeamPipeline> from(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        String id = "team";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (OPTIONS.contains(arg) || arg.equals("--set") || arg.equals("--id")) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new LabException(arg + " needs a value, e.g. " + example(arg) + ".");
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--set" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new LabException("--set " + value + " is not name=value, e.g. --set tenant=acme.");
                        }
                        values.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    case "--id" -> id = value;
                    default -> given.put(arg, value);
                }
            }
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = OPTIONS.stream().filter(o -> !given.containsKey(o)).toList();
        if (!missing.isEmpty()) {
            throw new LabException("A team pipeline needs all of --schema, --source, --sink and --tables; missing "
                    + String.join(", ", missing) + ". Example: --schema sql/schema.sql --source connect/debezium.json "
                    + "--sink connect/iceberg.json --tables public.orders,public.order_lines");
        }
        Path schema = existing("--schema", given.get("--schema"), "the SQL that creates (and may fill) your tables");
        ConnectorFixture source = ConnectorFixture.load(existing("--source", given.get("--source"),
                "your Debezium connector's JSON, the body you POST to Connect"));
        ConnectorFixture sink = ConnectorFixture.load(existing("--sink", given.get("--sink"),
                "your Iceberg sink connector's JSON, the body you POST to Connect"));
        requireFilled(List.of(source, sink), values);
        List<String> tables = new ArrayList<>();
        for (String table : given.get("--tables").split(",")) {
            String t = table.trim();
            if (!t.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
                throw new LabException("--tables: '" + t + "' is not a table name; give schema.table names separated "
                        + "by commas, e.g. --tables public.orders,sales.order_lines");
            }
            tables.add(t.contains(".") ? t : "public." + t);
        }
        return Optional.of(new TeamPipeline(id, schema, source, sink, List.copyOf(tables), Map.copyOf(values)));
    }

    /** Refuses a fixture with a placeholder of the team's own that no {@code --set} fills, before anything starts. */
    static void requireFilled(List<ConnectorFixture> fixtures, Map<String, String> values) {
        for (ConnectorFixture fixture : fixtures) {
            TreeSet<String> unknown = new TreeSet<>(fixture.placeholders());
            unknown.removeAll(LAB_PLACEHOLDERS);
            unknown.removeAll(values.keySet());
            if (!unknown.isEmpty()) {
                throw new LabException(fixture.source() + " uses placeholder(s) " + unknown + " that nothing fills. "
                        + "Give each a value with --set name=value (e.g. --set " + unknown.first() + "=...), or use "
                        + "one the lab fills: " + new TreeSet<>(LAB_PLACEHOLDERS) + ".");
            }
        }
    }

    /** Where the user typed the command: relative paths in options are relative to it. */
    static Path invocationDir() {
        return Path.of(System.getProperty(MainJobLauncher.INVOCATION_DIR, System.getProperty("user.dir")));
    }

    static Path existing(String option, String value, String what) {
        Path file = invocationDir().resolve(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new LabException(option + " " + value + ": no such file (looked at " + file + "). Give the path of "
                    + what + ", relative to the directory you run the command from, or absolute.");
        }
        return file;
    }

    static String example(String option) {
        return switch (option) {
            case "--schema" -> "--schema sql/schema.sql";
            case "--jdbc-url" -> "--jdbc-url jdbc:postgresql://db.internal:5432/shop";
            case "--catalog-jdbc-url" -> "--catalog-jdbc-url jdbc:postgresql://catalog-db.internal:5432/lake_catalog";
            case "--json" -> "--json target/check.json";
            case "--source" -> "--source connect/debezium.json";
            case "--sink" -> "--sink connect/iceberg.json";
            case "--tables" -> "--tables public.orders,public.order_lines";
            case "--id" -> "--id orders";
            default -> "--set tenant=acme";
        };
    }
}
