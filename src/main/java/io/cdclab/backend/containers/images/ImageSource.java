package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.util.Locale;

/**
 * Where the containers backend's images come from, chosen with {@code -Dlab.containers.images=public|built}:
 * the servers' public images from a registry (the default), or images the lab builds itself from the same Maven
 * runtimes the embedded backend runs, for machines that reach Maven Central but no image registry.
 */
public enum ImageSource {
    PUBLIC, BUILT;

    public static final String PROPERTY = LabSettings.CONTAINERS_IMAGES;

    public static ImageSource from(LabSettings settings) {
        return parse(settings.get(PROPERTY).orElse(null));
    }

    /** {@code public} when blank; any other value than the two names fails, naming them. */
    public static ImageSource parse(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "public" -> PUBLIC;
            case "built" -> BUILT;
            default -> throw new LabException("-D" + PROPERTY + "=" + value + " is not an image source. Choose public "
                    + "(the servers' images from a registry; the default) or built (the lab builds them from its Maven "
                    + "runtimes on a JRE base image, -D" + BaseImage.PROPERTY + ").");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
