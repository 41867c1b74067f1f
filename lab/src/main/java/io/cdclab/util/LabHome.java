package io.cdclab.util;

import io.cdclab.topology.LabException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cdc-lab project root: {@code -Dlab.home}, else the nearest folder above the working directory that holds
 * {@code runtime/} and a {@code pom.xml}. Build outputs, run folders, reports and benchmarks live under its
 * {@code target/}.
 */
public final class LabHome {
    private LabHome() {
    }

    public static Path locate() {
        String configured = System.getProperty("lab.home");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured).toAbsolutePath().normalize();
            if (!isProjectRoot(home)) {
                throw new LabException("-Dlab.home=" + configured + " is not the cdc-lab project root (no runtime/ "
                        + "folder there). Point it at the folder that holds the root pom.xml.");
            }
            return home;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isProjectRoot(dir)) {
                return dir;
            }
        }
        throw new LabException("Cannot find the cdc-lab project root from " + Path.of("").toAbsolutePath()
                + ": run from inside the project, or set -Dlab.home to the folder that holds the root pom.xml.");
    }

    private static boolean isProjectRoot(Path dir) {
        return Files.isDirectory(dir.resolve("runtime")) && Files.isRegularFile(dir.resolve("pom.xml"));
    }
}
