package io.cdclab.check;

import io.cdclab.connect.ConnectorFixture;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A team's pipeline as its files: the schema SQL (empty when the schema is read from a live database instead), its
 * Debezium and Iceberg sink connector JSONs, the tables it captures, and the values of placeholders of its own
 * ({@code --set name=value}). What {@link PipelineCheck} checks and what the dynamic probe starts.
 */
public record PipelineFiles(Optional<Path> schemaSql, ConnectorFixture source, ConnectorFixture sink,
                            List<String> tables, Map<String, String> values) {
    public PipelineFiles {
        tables = List.copyOf(tables);
        values = Map.copyOf(values);
    }
}
