package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import io.cdclab.gluelake.MotoServer;
import io.cdclab.runtime.ResolverSettings;
import io.cdclab.settings.LabSettings;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.utility.DockerImageName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The images the lab builds itself ({@code -Dlab.containers.images=built}): PostgreSQL, Kafka, the Connect worker
 * with Debezium, S3Proxy, each from the Maven runtimes the embedded backend runs, on the user's JRE base image.
 * An image whose name (its content hash) is already on the engine is used as it is: a second run builds nothing.
 */
public final class BuiltImages {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltImages.class);

    /**
     * Why the built images have no moto: moto is a Python application, not a Maven artifact, so the lab builds its
     * image from this machine's own moto installation ({@link MotoInstallation}), and there is none.
     */
    public static final String NO_MOTO = "the built images have no moto (the Glue lake's AWS emulator): moto is a "
            + "Python application, not a Maven artifact, so the lab builds its image from this machine's moto_server, "
            + "and there is none on PATH; install it (pip install 'moto[server]'), or run Glue lakes on public images "
            + "(motoserver/moto)";

    /** Why a run of a JDBC lake has no moto image: reading moto's installation costs seconds a JDBC lake never needs. */
    static final String MOTO_FOR_GLUE_ONLY = "moto's image is built for a Glue lake only (BuiltImages.ensureWithMoto)";

    /** Why a Glue lake cannot run on built images here ({@link #NO_MOTO}), or empty when moto_server is installed. */
    public static Optional<String> whyNoMoto(LabSettings settings) {
        return MotoServer.locate(settings).isPresent() ? Optional.empty() : Optional.of(NO_MOTO);
    }

    private final DockerImages docker;
    private final ImageAvailability availability;

    BuiltImages(DockerImages docker, ImageAvailability availability) {
        this.docker = docker;
        this.availability = availability;
    }

    public static BuiltImages onTestcontainersEngine() {
        DockerImages docker = new TestcontainersDockerImages();
        // The base image is the user's own name: Testcontainers' substitutor is not applied to it.
        return new BuiltImages(docker, new ImageAvailability(docker, UnaryOperator.identity()));
    }

    /**
     * Every built image on {@code base}, each built now unless the engine has it already; the runtimes in them
     * are resolved with the run's {@code -Dlab.maven.*}.
     */
    public LabImages ensure(DockerImageName base, LabSettings settings) {
        return ensure(base, () -> ImageRecipes.all(ResolverSettings.from(settings)));
    }

    /**
     * Every built image and moto's, built from this machine's moto installation: for a Glue lake only, as reading
     * and hashing that installation (about 200 MB) takes seconds.
     */
    public LabImages ensureWithMoto(DockerImageName base, LabSettings settings) {
        LabImages images = ensure(base, settings);
        Timer timer = Timer.start();
        ImageRecipe moto = ImageRecipes.moto(MotoInstallation.locate(settings));
        LOG.info("containers: moto installation read in {} ({} files)", timer.seconds(), moto.files().size());
        return new LabImages(ImageSource.BUILT, images.postgres(), images.kafka(), images.connect(), images.s3proxy(),
                Optional.of(ensure(moto, base, availability.requireBase(base))), Optional.empty());
    }

    LabImages ensure(DockerImageName base, Supplier<List<ImageRecipe>> recipes) {
        Timer all = Timer.start();
        String baseId = availability.requireBase(base);
        Map<String, DockerImageName> images = new LinkedHashMap<>();
        for (ImageRecipe recipe : recipes.get()) {
            images.put(recipe.server(), ensure(recipe, base, baseId));
        }
        LOG.info("containers: built images ready in {} (base {})", all.seconds(), base.asCanonicalNameString());
        return new LabImages(ImageSource.BUILT, images.get("postgres"), images.get("kafka"), images.get("connect"),
                images.get("s3proxy"), Optional.empty(),
                Optional.of(MOTO_FOR_GLUE_ONLY));
    }

    private DockerImageName ensure(ImageRecipe recipe, DockerImageName base, String baseId) {
        Timer timer = Timer.start();
        DockerImageName name = recipe.name(base, baseId);
        String hashed = timer.seconds();
        if (docker.localId(name).isPresent()) {
            LOG.info("containers: image {} cached (inputs hashed in {})", name.asCanonicalNameString(), hashed);
            return name;
        }
        LOG.info("containers: building image {} ({} files from the {} runtime, base {})", name.asCanonicalNameString(),
                recipe.files().size(), recipe.server(), base.asCanonicalNameString());
        try {
            docker.build(name, recipe, base);
        } catch (RuntimeException e) {
            throw new LabException("Building the " + recipe.server() + " image " + name.asCanonicalNameString() + " on "
                    + base.asCanonicalNameString() + " failed: " + rootMessage(e) + ". The base image must be Linux with "
                    + "java 17+, sh and bash (-D" + BaseImage.PROPERTY + "); or run on the embedded backend "
                    + "(-Dlab.backend=embedded).", e);
        }
        LOG.info("containers: image {} built in {}", name.asCanonicalNameString(), timer.seconds());
        return name;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().strip();
    }
}
