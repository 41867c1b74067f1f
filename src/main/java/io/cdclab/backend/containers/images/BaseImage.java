package io.cdclab.backend.containers.images;

import io.cdclab.settings.LabSettings;
import org.testcontainers.utility.DockerImageName;

import java.util.Map;

/**
 * The image the lab builds its own images on: the user's to name ({@code -Dlab.containers.baseImage}, else the
 * variable {@code LAB_CONTAINERS_BASE_IMAGE}, which {@code scripts/docker-engine.sh up} exports), else a public JRE
 * image. What the built images need from it: Linux with glibc 2.35 or newer (PostgreSQL's C.UTF-8 locale) and
 * libstdc++, {@code java} 17+ on the PATH, {@code sh}, {@code bash} (Testcontainers' Kafka module runs a bash
 * script), {@code hostname}, {@code sed}, {@code grep}, {@code mktemp}.
 */
public final class BaseImage {
    public static final String PROPERTY = LabSettings.CONTAINERS_BASE_IMAGE;
    public static final String VARIABLE = "LAB_CONTAINERS_BASE_IMAGE";
    /** Eclipse Temurin's JRE 17 on Ubuntu 24.04, pinned to a release. */
    public static final DockerImageName DEFAULT = DockerImageName.parse("eclipse-temurin:17.0.13_11-jre-noble");

    private BaseImage() {
    }

    public static DockerImageName from(LabSettings settings) {
        return choose(settings.get(PROPERTY).orElse(null), System.getenv());
    }

    static DockerImageName choose(String property, Map<String, String> environment) {
        if (property != null && !property.isBlank()) {
            return DockerImageName.parse(property.trim());
        }
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return DockerImageName.parse(variable.trim());
        }
        return DEFAULT;
    }
}
