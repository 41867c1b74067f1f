package io.cdclab.backend.embedded;

import io.cdclab.runtime.LabRuntime;
import io.cdclab.runtime.PartitionerJar;
import io.cdclab.runtime.PluginFolder;
import io.cdclab.runtime.RuntimeResolver;
import io.cdclab.util.LabHome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the embedded servers run from: the classpaths of the Kafka and S3Proxy JVMs and the Connect plugin folders,
 * resolved on first use from the lab's pinned runtimes (io.cdclab.runtime), plus where their per-project state
 * lives: under {@code target/cdc-lab/} of the {@link LabHome}.
 */
public final class RuntimeLayout {
    public static final String DEBEZIUM_POSTGRES = "debezium-postgres";
    public static final String ICEBERG_SINK = "iceberg-sink";

    private final Path home;

    private RuntimeLayout(Path home) {
        this.home = home;
    }

    public static RuntimeLayout locate() {
        return new RuntimeLayout(LabHome.locate());
    }

    public Path home() {
        return home;
    }

    /** Where the child JVMs' class data archives live: shared by every run of this project. */
    public Path classDataDir() {
        return home.resolve("target/cdc-lab/cds");
    }

    /** Classpath of the Kafka broker and Connect worker JVMs (one set of jars, like a Kafka distribution's libs/). */
    public List<String> kafkaClasspath() {
        return classpath(LabRuntime.KAFKA);
    }

    public List<String> s3ProxyClasspath() {
        return classpath(LabRuntime.S3PROXY);
    }

    /** A {@code plugin.path} entry holding the folder {@code <plugin>/} with the plugin's jars. */
    public Path pluginPathEntry(String plugin) {
        List<Path> jars = new ArrayList<>();
        switch (plugin) {
            case DEBEZIUM_POSTGRES -> {
                jars.addAll(RuntimeResolver.files(LabRuntime.DEBEZIUM_POSTGRES));
                jars.add(partitionerJar());
            }
            case ICEBERG_SINK -> jars.addAll(RuntimeResolver.files(LabRuntime.ICEBERG_SINK));
            default -> throw new IllegalArgumentException("no Connect plugin named " + plugin);
        }
        return PluginFolder.assemble(pluginsDir(), plugin, jars);
    }

    /** The lab's partitioner as a jar of its own, for the Debezium plugin folder. */
    public Path partitionerJar() {
        return PartitionerJar.writeIn(pluginsDir().resolve("partitioner"));
    }

    private Path pluginsDir() {
        return home.resolve("target/cdc-lab/plugins");
    }

    private static List<String> classpath(LabRuntime runtime) {
        return RuntimeResolver.files(runtime).stream().map(Path::toString).toList();
    }
}
