package io.cdclab.backend.embedded;

import io.cdclab.topology.LabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the Maven build left what the embedded servers run from: the classpath files of the Kafka and S3Proxy
 * JVMs ({@code runtime/*}/target/classpath.txt) and the Connect plugin folders
 * ({@code runtime/plugins/*}/target/connect-plugins). Found from {@code -Dlab.home}, else by walking up from the
 * working directory to the project root.
 */
public final class RuntimeLayout {
    public static final String DEBEZIUM_POSTGRES = "debezium-postgres";
    public static final String ICEBERG_SINK = "iceberg-sink";

    private final Path home;

    private RuntimeLayout(Path home) {
        this.home = home;
    }

    public static RuntimeLayout locate() {
        return new RuntimeLayout(io.cdclab.util.LabHome.locate());
    }

    public Path home() {
        return home;
    }

    /** Where the child JVMs' class data archives live: shared by every run of this checkout. */
    public Path classDataDir() {
        return home.resolve("target/cdc-lab/cds");
    }

    public Path fixtures() {
        return home.resolve("fixtures");
    }

    /** Classpath of the Kafka broker and Connect worker JVMs (one set of jars, like a Kafka distribution's libs/). */
    public List<String> kafkaClasspath() {
        return classpath("runtime/kafka");
    }

    public List<String> s3ProxyClasspath() {
        return classpath("runtime/s3proxy");
    }

    /**
     * A {@code plugin.path} entry holding one plugin: {@code runtime/plugins/<plugin>/target/connect-plugins}, which
     * contains the folder {@code <plugin>/} with its jars. (A plugin.path entry that holds jars directly would make
     * every jar a plugin of its own, each in its own class loader.)
     */
    public Path pluginPathEntry(String plugin) {
        Path entry = home.resolve("runtime/plugins").resolve(plugin).resolve("target/connect-plugins");
        if (!Files.isDirectory(entry.resolve(plugin))) {
            throw missingBuildOutput(entry.resolve(plugin));
        }
        return entry;
    }

    private List<String> classpath(String module) {
        Path file = home.resolve(module).resolve("target/classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw missingBuildOutput(file);
        }
        try {
            String content = Files.readString(file).trim();
            List<String> entries = Arrays.asList(content.split(java.io.File.pathSeparator));
            for (String entry : entries) {
                if (!Files.exists(Path.of(entry))) {
                    throw new LabException(file + " names " + entry + ", which is gone (a cleaned Maven repository?). "
                            + "Run `mvn -q -DskipTests install` from " + home + " to resolve it again.");
                }
            }
            return entries;
        } catch (IOException e) {
            throw new LabException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private LabException missingBuildOutput(Path expected) {
        return new LabException(expected + " does not exist: the runtime modules have not been built. Run "
                + "`mvn -q -DskipTests install` (or any `mvn test`) from " + home + " first.");
    }
}
