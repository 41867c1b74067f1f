package io.cdclab.backend.containers;

import io.cdclab.topology.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the lab's partitioner jar in the Debezium plugin folder the Maven build fills. */
class ConnectPluginsTest {
    @TempDir
    Path folder;

    @Test
    void theOnePartitionerJarIsFound() throws Exception {
        Files.writeString(folder.resolve("debezium-connector-postgres-3.6.1.Final.jar"), "");
        Path jar = Files.writeString(folder.resolve("cdc-lab-partitioner-0.1.0-SNAPSHOT-connect-plugin.jar"), "");

        assertThat(ConnectPlugins.partitionerJarIn(folder, Path.of("/lab"))).isEqualTo(jar);
    }

    @Test
    void noneOrSeveral_failWithHowToRebuild() throws Exception {
        assertThatThrownBy(() -> ConnectPlugins.partitionerJarIn(folder, Path.of("/lab")))
                .isInstanceOf(LabException.class).hasMessageContaining("found 0")
                .hasMessageContaining("mvn -q -DskipTests clean install");
        Files.writeString(folder.resolve("cdc-lab-partitioner-0.1.0-connect-plugin.jar"), "");
        Files.writeString(folder.resolve("cdc-lab-partitioner-0.2.0-connect-plugin.jar"), "");
        assertThatThrownBy(() -> ConnectPlugins.partitionerJarIn(folder, Path.of("/lab")))
                .hasMessageContaining("found 2").hasMessageContaining("0.2.0");
    }

    @Test
    void theBuiltLayoutHoldsIt_whenTheRuntimeModulesAreBuilt() {
        Path debezium = io.cdclab.util.LabHome.locate()
                .resolve("runtime/plugins/debezium-postgres/target/connect-plugins/debezium-postgres");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(debezium), "runtime modules not built");
        ConnectPlugins plugins = ConnectPlugins.locate(io.cdclab.backend.embedded.RuntimeLayout.locate());
        assertThat(plugins.partitionerJar().getFileName().toString()).startsWith("cdc-lab-partitioner-");
        assertThat(plugins.icebergSinkFolder()).isDirectory();
    }
}
