package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Makes sure every image a run needs is on the engine before anything starts: present locally, else pulled once.
 * Where one is neither, the run stops with one error that names each image, the pull's own message and the ways
 * out, instead of Testcontainers' two minutes of retried pulls and stack traces per container.
 */
public final class ImageAvailability {
    private static final Logger LOG = LoggerFactory.getLogger(ImageAvailability.class);
    /** Long enough for a slow registry; an unreachable one fails within seconds. */
    static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

    private final DockerImages docker;
    private final UnaryOperator<DockerImageName> substitutor;

    ImageAvailability(DockerImages docker, UnaryOperator<DockerImageName> substitutor) {
        this.docker = docker;
        this.substitutor = substitutor;
    }

    /** On the engine Testcontainers found, with its image name substitutor (hub.image.name.prefix, image.substitutor). */
    public static ImageAvailability onTestcontainersEngine() {
        return new ImageAvailability(new TestcontainersDockerImages(), ImageNameSubstitutor.instance()::apply);
    }

    /** The public images of a run, as Testcontainers will name them (after its substitutor). */
    public void requirePublic(Collection<DockerImageName> images) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (DockerImageName image : images) {
            DockerImageName substituted = substitutor.apply(image);
            String why = obtain(substituted);
            if (why != null) {
                failures.put(substituted.asCanonicalNameString(), why);
            }
        }
        if (!failures.isEmpty()) {
            throw new LabException("The containers backend cannot get "
                    + failures.size() + " of the images it needs. "
                    + "Nothing was started.\n"
                    + failures.entrySet().stream().map(f -> "  " + f.getKey() + " (not on this Docker engine; pulling it "
                            + "failed: " + f.getValue() + ")").collect(Collectors.joining("\n"))
                    + "\nWays out: run on the embedded backend (-Dlab.backend=embedded); "
                    + "or let the lab build its images from Maven Central (-D" + ImageSource.PROPERTY + "=built, on a JRE "
                    + "base image you have: -D" + BaseImage.PROPERTY + "=...); or pull through a registry mirror "
                    + "(hub.image.name.prefix=<mirror>/ in ~/.testcontainers.properties, or the variable "
                    + "TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX).");
        }
    }

    /** The base image of built images; returns its id. */
    String requireBase(DockerImageName base) {
        String why = obtain(base);
        if (why != null) {
            throw new LabException("The lab builds its images (-D" + ImageSource.PROPERTY + "=built) on the base image "
                    + base.asCanonicalNameString() + ", which is not on this Docker engine, and pulling it failed: " + why
                    + ". Name a JRE base image you have with -D" + BaseImage.PROPERTY + "=<image> (or the variable "
                    + BaseImage.VARIABLE + "): any Linux image with java 17+, sh and bash; scripts/docker-engine.sh up "
                    + "builds one from Debian's packages. Or run on the embedded backend (-Dlab.backend=embedded).");
        }
        return docker.localId(base).orElseThrow(() -> new LabException("The Docker engine lost the image "
                + base.asCanonicalNameString() + " right after pulling it."));
    }

    /** Null where the image is there (already, or pulled now), else why not. */
    private String obtain(DockerImageName image) {
        if (docker.localId(image).isPresent()) {
            return null;
        }
        Timer timer = Timer.start();
        LOG.info("containers: pulling {} (not on this Docker engine)", image.asCanonicalNameString());
        try {
            docker.pull(image, PULL_TIMEOUT);
            LOG.info("containers: pulled {} in {}", image.asCanonicalNameString(), timer.seconds());
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage().strip();
        }
    }
}
