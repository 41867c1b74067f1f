package io.cdclab.runtime;

import io.cdclab.errors.LabException;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Hands zonky the PostgreSQL binaries for this machine from the jar the lab resolves on first use, instead of from
 * a binaries jar on the classpath (four platforms' jars there would weigh 60 MB).
 */
public final class PostgresBinaries implements PgBinaryResolver {
    private final Path jar;

    private PostgresBinaries(Path jar) {
        this.jar = jar;
    }

    public static PostgresBinaries forThisMachine(ResolverSettings settings) {
        return forPlatform(Platform.current(), settings);
    }

    /** For a Linux container on this machine's CPU (Docker Desktop runs Linux on the host's architecture). */
    public static PostgresBinaries forLinuxOnThisCpu(ResolverSettings settings) {
        return forPlatform(Platform.of("Linux", System.getProperty("os.arch")), settings);
    }

    static PostgresBinaries forPlatform(Platform platform, ResolverSettings settings) {
        String coordinate = lockedCoordinateFor(platform);
        List<Path> files = RuntimeResolver.files(LabRuntime.POSTGRES_BINARIES.lockName() + "-" + platform.os() + "-"
                + platform.arch(), List.of(coordinate), settings);
        return new PostgresBinaries(files.get(0));
    }

    static String lockedCoordinateFor(Platform platform) {
        String prefix = "io.zonky.test.postgres:" + platform.postgresBinariesArtifactId() + ":";
        return LabRuntime.POSTGRES_BINARIES.lockedCoordinates().stream()
                .filter(coordinate -> coordinate.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new LabException("The lab's postgres-binaries lock names no "
                        + platform.postgresBinariesArtifactId() + " (platforms supported: " + Platform.SUPPORTED + ")."));
    }

    public Path jar() {
        return jar;
    }

    /** The one {@code .txz} archive in the jar, whatever zonky asks for: the jar was chosen for this machine. */
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        JarFile file = new JarFile(jar.toFile());
        JarEntry archive = file.stream().filter(entry -> entry.getName().endsWith(".txz")).findFirst().orElse(null);
        if (archive == null) {
            file.close();
            throw new IOException(jar + " holds no PostgreSQL archive (*.txz): a damaged download? Delete it from "
                    + "the local repository and run again.");
        }
        return new FilterInputStream(file.getInputStream(archive)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    file.close();
                }
            }
        };
    }
}
