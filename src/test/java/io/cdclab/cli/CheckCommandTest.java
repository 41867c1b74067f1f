package io.cdclab.cli;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --check}'s command line: what it needs, each mistake named with the fix, before anything runs. */
class CheckCommandTest {
    @TempDir
    Path team;

    @BeforeEach
    void inTheTeamsFolder() throws IOException {
        System.setProperty(MainJobLauncher.INVOCATION_DIR, team.toString());
        Files.createDirectories(team.resolve("connect"));
        Files.writeString(team.resolve("schema.sql"), "CREATE TABLE public.orders (id int PRIMARY KEY);");
        String connector = "{\"name\": \"x\", \"config\": {\"connector.class\": \"%s\"}}";
        Files.writeString(team.resolve("connect/source.json"),
                connector.formatted("io.debezium.connector.postgresql.PostgresConnector"));
        Files.writeString(team.resolve("connect/sink.json"),
                connector.formatted("org.apache.iceberg.connect.IcebergSinkConnector"));
    }

    @AfterEach
    void clear() {
        System.clearProperty(MainJobLauncher.INVOCATION_DIR);
    }

    @Test
    void theSchemaComesFromAFileOrALiveDatabase_notNeitherNorBoth() {
        assertThatThrownBy(() -> CheckCommand.from(List.of("--check", "--source", "connect/source.json", "--sink",
                "connect/sink.json"))).isInstanceOf(LabException.class).hasMessageContaining("--schema FILE")
                .hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--jdbc-url",
                "jdbc:postgresql://db:5432/shop", "--source", "connect/source.json", "--sink", "connect/sink.json")))
                .hasMessageContaining("not both");
    }

    @Test
    void f11_theCatalogsLiveDatabase_isAnOption_givenByUrl() {
        CheckCommand check = CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--source",
                "connect/source.json", "--sink", "connect/sink.json", "--no-probe", "--catalog-jdbc-url",
                "jdbc:postgresql://catalog-db:5432/lake_catalog"));
        assertThat(check.catalogJdbcUrl()).contains("jdbc:postgresql://catalog-db:5432/lake_catalog");
        assertThat(CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--source", "connect/source.json",
                "--sink", "connect/sink.json", "--no-probe")).catalogJdbcUrl()).isEmpty();
        assertThatThrownBy(() -> CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--source",
                "connect/source.json", "--sink", "connect/sink.json", "--catalog-jdbc-url")))
                .hasMessageContaining("--catalog-jdbc-url needs a value");
    }

    @Test
    void aMissingFileAConnectorOrAnUnknownOption_isNamedWithTheFix() {
        assertThatThrownBy(() -> CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--sink",
                "connect/sink.json"))).hasMessageContaining("--check needs --source");
        assertThatThrownBy(() -> CheckCommand.from(List.of("--check", "--schema", "nope.sql", "--source",
                "connect/source.json", "--sink", "connect/sink.json"))).hasMessageContaining("--schema nope.sql: no such file")
                .hasMessageContaining(team.resolve("nope.sql").toString());
        assertThatThrownBy(() -> CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--source",
                "connect/source.json", "--sink", "connect/sink.json", "--probe-only")))
                .hasMessageContaining("--probe-only is not an option of --check").hasMessageContaining("--no-probe");
        assertThatThrownBy(() -> CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--source",
                "connect/source.json", "--sink"))).hasMessageContaining("--sink needs a value");
    }

    @Test
    void aPlaceholderOfTheTeamsOwn_needsAValueForTheProbe_notForTheStaticRules() throws IOException {
        Files.writeString(team.resolve("connect/source.json"), "{\"name\": \"x\", \"config\": {\"connector.class\": "
                + "\"io.debezium.connector.postgresql.PostgresConnector\", \"snapshot.mode\": \"{{shop.snapshot.mode}}\"}}");
        List<String> args = List.of("--check", "--schema", "schema.sql", "--source", "connect/source.json", "--sink",
                "connect/sink.json");
        assertThatThrownBy(() -> CheckCommand.from(args)).hasMessageContaining("[shop.snapshot.mode] that nothing fills")
                .hasMessageContaining("--set shop.snapshot.mode=");
        List<String> staticOnly = new ArrayList<>(args);
        staticOnly.add("--no-probe");
        assertThat(CheckCommand.from(staticOnly).probe()).isFalse();
    }

    @Test
    void relativePaths_areTheTeamsFolder_andTheProbeIsOnUnlessTurnedOff() {
        CheckCommand command = CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--source",
                "connect/source.json", "--sink", "connect/sink.json", "--tables", "public.orders", "--no-probe",
                "--strict", "--json", "out/check.json", "--set", "tenant=acme"));
        assertThat(command.files().schemaSql()).contains(team.resolve("schema.sql"));
        assertThat(command.files().tables()).containsExactly("public.orders");
        assertThat(command.files().values()).containsEntry("tenant", "acme");
        assertThat(command.probe()).isFalse();
        assertThat(command.strict()).isTrue();
        assertThat(command.json()).isEqualTo(team.resolve("out/check.json"));
        assertThat(CheckCommand.from(List.of("--check", "--schema", "schema.sql", "--source", "connect/source.json",
                "--sink", "connect/sink.json")).probe()).isTrue();
    }
}
