package io.cdclab.backend.containers.images;

import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Optional;

/** The few image operations the lab needs from a Docker engine: a seam, so that unit tests need no engine. */
interface DockerImages {

    /** The local image's id, or empty where the engine has no image of that name. */
    Optional<String> localId(DockerImageName image);

    /** One pull, no retries; throws with the engine's message where it fails. */
    void pull(DockerImageName image, Duration timeout);

    /** Builds {@code recipe} on {@code base} and tags it {@code name}; throws where the build fails. */
    void build(DockerImageName name, ImageRecipe recipe, DockerImageName base);
}
