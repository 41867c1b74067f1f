package io.cdclab.runtime;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import io.cdclab.util.LabHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    public static final String APICURIO_CONVERTER = "apicurio-converter";
    public static final String AVRO_CONVERTER_CLASS = "io.apicurio.registry.utils.converter.AvroConverter";

    private final Path home;
    private final LabSettings settings;
    private final ResolverSettings resolver;

    private RuntimeLayout(Path home, LabSettings settings) {
        this.home = home;
        this.settings = settings;
        this.resolver = ResolverSettings.from(settings);
    }

    /**
     * For an entry point that holds no settings object yet (the benchmarks' main, a test of one server): the
     * system properties, read here. Everything below a topology uses {@link #locate(LabSettings)}.
     */
    public static RuntimeLayout locate() {
        return locate(LabSettings.fromSystemProperties());
    }

    /** The layout of the lab's folder ({@code -Dlab.home}) with the run's settings (Maven, class data). */
    public static RuntimeLayout locate(LabSettings settings) {
        return new RuntimeLayout(LabHome.locate(settings), settings);
    }

    /** The run's settings, for the child JVMs the servers start from this layout. */
    public LabSettings labSettings() {
        return settings;
    }

    /** Where and how the runtimes are resolved ({@code -Dlab.maven.*}). */
    public ResolverSettings resolverSettings() {
        return resolver;
    }

    /** PostgreSQL's binaries for this machine, resolved like the other runtimes. */
    public PostgresBinaries postgresBinaries() {
        return PostgresBinaries.forThisMachine(resolver);
    }

    public Path home() {
        return home;
    }

    /**
     * Where the child JVMs' class data archives live: {@code -Dlab.cds.dir}, else the user's cache
     * ({@code $XDG_CACHE_HOME/cdc-lab/cds}, {@code ~/.cache/cdc-lab/cds}), shared by every project on the machine.
     * Not under {@code target/}: an archive is keyed by the JDK, the JVM options and the classpath jars in the
     * local Maven repository, none of which is the project's, and writing one makes the first stop of each kind
     * tens of seconds slower, a cost a team's own project should not pay again after the lab's.
     */
    public Path classDataDir() {
        String configured = settings.text(LabSettings.CDS_DIR, "");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        // The user's cache folder is the machine's fact (XDG_CACHE_HOME, user.home), not a lab setting.
        String xdg = System.getenv().getOrDefault("XDG_CACHE_HOME", "").trim();
        Path cache = xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return cache.resolve("cdc-lab").resolve("cds");
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
                jars.addAll(RuntimeResolver.files(LabRuntime.DEBEZIUM_POSTGRES, resolver));
                jars.add(partitionerJar());
            }
            case ICEBERG_SINK -> jars.addAll(RuntimeResolver.files(LabRuntime.ICEBERG_SINK, resolver));
            case APICURIO_CONVERTER -> {
                jars.addAll(RuntimeResolver.files(LabRuntime.APICURIO_CONVERTER, resolver));
                jars.add(ServiceManifestJar.writeIn(pluginsDir().resolve("apicurio-services"),
                        "org.apache.kafka.connect.storage.Converter", AVRO_CONVERTER_CLASS));
            }
            default -> throw new IllegalArgumentException("no Connect plugin named " + plugin);
        }
        return PluginFolder.assemble(pluginsDir(), plugin, jars);
    }

    /** The lab's partitioner as a jar of its own, for the Debezium plugin folder. */
    public Path partitionerJar() {
        return PartitionerJar.writeIn(pluginsDir().resolve("partitioner"));
    }

    /**
     * Apicurio Registry's Quarkus fast-jar folder, unpacked once from its locked tar.gz into
     * {@code target/cdc-lab/apicurio-registry/}; returns its {@code quarkus-run.jar}.
     */
    public Path apicurioRegistryRunJar() {
        Path archive = RuntimeResolver.files(LabRuntime.APICURIO_REGISTRY, resolver).get(0);
        String version = archive.getFileName().toString().replace(".tar.gz", "");
        Path dir = home.resolve("target/cdc-lab/apicurio-registry").resolve(version);
        Path runJar = dir.resolve("quarkus-run.jar");
        if (Files.isRegularFile(runJar)) {
            return runJar;
        }
        try {
            Path aside = Files.createDirectories(dir.getParent()).resolve(version + ".unpacking-" + ProcessHandle.current().pid());
            Files.createDirectories(aside);
            // tar is on every machine the embedded backend runs on (Linux, macOS).
            Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", aside.toString())
                    .redirectErrorStream(true).start();
            String out = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0 || !Files.isRegularFile(aside.resolve("quarkus-run.jar"))) {
                throw new LabException("Cannot unpack " + archive + " into " + aside + ": " + out);
            }
            try {
                Files.move(aside, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(runJar)) {
                    throw raced;
                }
            }
            return runJar;
        } catch (IOException e) {
            throw new LabException("Cannot unpack Apicurio Registry " + archive + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while unpacking " + archive, e);
        }
    }

    private Path pluginsDir() {
        return home.resolve("target/cdc-lab/plugins");
    }

    private List<String> classpath(LabRuntime runtime) {
        return RuntimeResolver.files(runtime, resolver).stream().map(Path::toString).toList();
    }
}
