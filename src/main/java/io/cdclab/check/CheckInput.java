package io.cdclab.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code check} reads: the captured tables' schema, the team's two connector configs as written (the JSON's
 * {@code config} object, with {@code --set} values filled in and the lab's own placeholders such as
 * {@code {{table.include.list}}} left as they are), where each came from, and the tables the pipeline captures.
 */
public record CheckInput(SchemaModel schema, Connector source, Connector sink, List<String> tables) {
    public CheckInput {
        tables = List.copyOf(tables);
    }

    /** One connector config: the file it came from (for the evidence) and its keys and values. */
    public record Connector(String file, Map<String, String> config) {
        public Connector {
            config = Map.copyOf(config);
        }

        public String get(String key) {
            return config.get(key);
        }

        public String getOrDefault(String key, String fallback) {
            return config.getOrDefault(key, fallback);
        }
    }

    /** The captured tables that the schema knows, in the order given. */
    public List<SchemaModel.Table> capturedTables() {
        return tables.stream().map(schema::table).flatMap(Optional::stream).toList();
    }
}
