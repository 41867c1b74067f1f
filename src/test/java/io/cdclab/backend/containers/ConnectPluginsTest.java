package io.cdclab.backend.containers;

import io.cdclab.runtime.RuntimeLayout;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** What the containers backend copies into Debezium's Connect image comes from the lab's resolved runtimes. */
class ConnectPluginsTest {
    @Test
    void theSinkFolderAndThePartitionerJarAreResolvedAndReal() throws Exception {
        ConnectPlugins plugins = ConnectPlugins.locate(RuntimeLayout.locate());

        assertThat(plugins.icebergSinkFolder().getFileName()).hasToString(RuntimeLayout.ICEBERG_SINK);
        try (var jars = Files.list(plugins.icebergSinkFolder())) {
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("iceberg-kafka-connect-1."))
                    .allMatch(name -> name.endsWith(".jar"));
        }
        try (JarFile jar = new JarFile(plugins.partitionerJar().toFile())) {
            assertThat(jar.getEntry("io/cdclab/partitioner/TenantPartitioner.class")).isNotNull();
        }
    }
}
