package io.cdclab.backend.containers;

import io.cdclab.backend.embedded.RuntimeLayout;
import io.cdclab.topology.LabException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the containers backend adds to Debezium's Connect image from the Maven build: the Iceberg sink's plugin
 * folder, and the lab's partitioner jar, which the embedded build writes into its Debezium folder (a source task's
 * producer loads {@code partitioner.class} through the connector's plugin class loader).
 *
 * @param icebergSinkFolder the sink's plugin folder (its jars)
 * @param partitionerJar    the lab's partitioner, {@code cdc-lab-partitioner-<version>-connect-plugin.jar}
 */
public record ConnectPlugins(Path icebergSinkFolder, Path partitionerJar) {
    static final String PARTITIONER_GLOB = "cdc-lab-partitioner-*-connect-plugin.jar";

    public static ConnectPlugins locate(RuntimeLayout layout) {
        Path sink = layout.pluginPathEntry(RuntimeLayout.ICEBERG_SINK).resolve(RuntimeLayout.ICEBERG_SINK);
        Path debezium = layout.pluginPathEntry(RuntimeLayout.DEBEZIUM_POSTGRES).resolve(RuntimeLayout.DEBEZIUM_POSTGRES);
        return new ConnectPlugins(sink, partitionerJarIn(debezium, layout.home()));
    }

    /** The one partitioner jar in {@code folder}; none or several fail, saying how to rebuild it. */
    static Path partitionerJarIn(Path folder, Path home) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, PARTITIONER_GLOB)) {
            found.forEach(jars::add);
        } catch (IOException e) {
            throw new LabException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (jars.size() != 1) {
            throw new LabException("Expected one " + PARTITIONER_GLOB + " in " + folder + ", found " + jars.size()
                    + (jars.isEmpty() ? "" : " " + jars) + ". Run `mvn -q -DskipTests clean install` from " + home
                    + " to build it (runtime/plugins/lab-partitioner writes it there).");
        }
        return jars.get(0);
    }
}
