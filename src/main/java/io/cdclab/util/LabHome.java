package io.cdclab.util;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project the lab runs in: the lab's own checkout or a team's project that has the lab as a test dependency.
 * {@code -Dlab.home}, else the working directory (Maven runs tests and {@code exec:java} in the project's folder).
 * Run folders, reports, benchmarks and the plugin folders live under its {@code target/}.
 */
public final class LabHome {
    private LabHome() {
    }

    /** The lab's folder of the JVM's own run (its system properties): for the report and the login file. */
    public static Path locate() {
        return locate(LabSettings.fromSystemProperties());
    }

    public static Path locate(LabSettings settings) {
        String configured = settings.get(LabSettings.HOME).orElse(null);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(home)) {
                throw new LabException("-Dlab.home=" + configured + " is not a folder. Point it at your project's "
                        + "folder (the one holding its pom.xml), or leave it unset to use the working directory.");
            }
            return home;
        }
        return Path.of("").toAbsolutePath();
    }
}
