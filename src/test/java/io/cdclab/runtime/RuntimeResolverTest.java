package io.cdclab.runtime;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolution honours the local repository and offline mode it is given, and says what is missing and why. */
class RuntimeResolverTest {
    @TempDir
    Path emptyRepository;

    @Test
    void offlineWithAnEmptyLocalRepository_namesTheMissingArtifactsTheRepositoryAndTheFix() {
        ResolverSettings offline = new ResolverSettings(Optional.of(emptyRepository), true);

        assertThatThrownBy(() -> RuntimeResolver.resolve("debezium-postgres",
                LabRuntime.DEBEZIUM_POSTGRES.lockedCoordinates(), offline))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("runtime 'debezium-postgres'")
                .hasMessageContaining("io.debezium:debezium-connector-postgres:jar:3.7.1.Final")
                .hasMessageContaining("Maven is offline")
                .hasMessageContaining(emptyRepository.toString())
                .hasMessageContaining("run once online");
    }

    @Test
    void aLockedArtifactAlreadyInTheLocalRepository_resolvesOfflineToItsFile() {
        // the build that runs this test has the lab's own kafka-clients, which the kafka runtime pins too
        String kafkaClients = LabRuntime.KAFKA.lockedCoordinates().stream()
                .filter(c -> c.startsWith("org.apache.kafka:kafka-clients:")).findFirst().orElseThrow();
        ResolverSettings fromThisBuild = ResolverSettings.from(LabSettings.fromSystemProperties());

        List<Path> files = RuntimeResolver.resolve("kafka-clients-only", List.of(kafkaClients),
                new ResolverSettings(fromThisBuild.localRepository(), true));

        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file).isRegularFile();
            assertThat(file.getFileName().toString()).matches("kafka-clients-[0-9.]+\\.jar");
        });
    }
}
