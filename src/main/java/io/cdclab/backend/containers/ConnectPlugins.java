package io.cdclab.backend.containers;

import io.cdclab.runtime.RuntimeLayout;

import java.nio.file.Path;

/**
 * What the containers backend adds to Debezium's Connect image from the lab's runtimes: the Iceberg sink's plugin
 * folder, and the lab's partitioner jar (a source task's producer loads {@code partitioner.class} through the
 * connector's plugin class loader, so it goes into the image's Debezium folder).
 *
 * @param icebergSinkFolder the sink's plugin folder (its jars)
 * @param partitionerJar    the lab's partitioner, {@code cdc-lab-partitioner-<hash>.jar}
 */
public record ConnectPlugins(Path icebergSinkFolder, Path partitionerJar) {
    public static ConnectPlugins locate(RuntimeLayout layout) {
        Path sink = layout.pluginPathEntry(RuntimeLayout.ICEBERG_SINK).resolve(RuntimeLayout.ICEBERG_SINK);
        return new ConnectPlugins(sink, layout.partitionerJar());
    }
}
