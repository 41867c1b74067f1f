package io.cdclab.connect;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorFixtureTest {

    @Test
    void builtInDebeziumFixture_rendersEveryPlaceholder_andKeepsSecretsAsConfigProviderReferences() {
        ConnectorFixture fixture = ConnectorFixture.builtIn("debezium-postgres");
        Map<String, String> values = new HashMap<>();
        fixture.placeholders().forEach(p -> values.put(p, "value-of-" + p));
        values.put("postgres.port", "5432");

        ConnectorConfig config = fixture.render(values);

        assertThat(config.name()).isEqualTo("value-of-connector.name");
        assertThat(config.get("database.port")).isEqualTo("5432");
        assertThat(config.get("plugin.name")).isEqualTo("pgoutput");
        assertThat(config.get("database.password")).isEqualTo("${env:CDC_LAB_POSTGRES_PASSWORD}");
        assertThat(config.config().values()).noneMatch(v -> v.contains("{{"));
    }

    @Test
    void render_withAPlaceholderThatHasNoValue_namesThePlaceholderAndTheFixture(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("team-sink.json");
        Files.writeString(file, """
                {"name": "orders-sink", "config": {"connector.class": "X", "topics": "{{topic.prefx}}.orders"}}
                """);

        assertThatThrownBy(() -> ConnectorFixture.load(file).render(Map.of("topic.prefix", "cdc")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("[topic.prefx]")
                .hasMessageContaining("team-sink.json")
                .hasMessageContaining("topic.prefix");
    }

    @Test
    void load_aMissingFixture_saysWhereItLookedAndWhatIsThere(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("debezium-postgres.json"), "{\"config\": {}}");

        assertThatThrownBy(() -> ConnectorFixture.load(dir.resolve("debezium-postgress.json")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("debezium-postgress.json does not exist")
                .hasMessageContaining("debezium-postgres.json");
    }

    @Test
    void load_aFileWithoutAConfigObject_explainsTheExpectedShape(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flat.json");
        Files.writeString(file, "{\"connector.class\": \"X\"}");

        assertThatThrownBy(() -> ConnectorFixture.load(file))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("no \"config\" object");
    }

    @Test
    void builtIn_unknownName_listsTheBuiltInFixtures() {
        assertThatThrownBy(() -> ConnectorFixture.builtIn("mysql"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("debezium-postgres, iceberg-sink");
    }

    @Test
    void connectorConfig_toString_showsKeysButNoValues() {
        ConnectorConfig config = new ConnectorConfig("s", Map.of("database.password", "hunter2"));

        assertThat(config.toString()).contains("database.password").doesNotContain("hunter2");
    }
}
