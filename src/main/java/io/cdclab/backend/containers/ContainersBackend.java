package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.BaseImage;
import io.cdclab.backend.containers.images.BuiltImages;
import io.cdclab.backend.containers.images.ImageAvailability;
import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.backend.containers.images.LabImages;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.gluelake.AwsSettings;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.AbstractRunningTopology;
import io.cdclab.topology.AbstractBackend;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.StartupTimes;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the topology in Docker containers through Testcontainers: PostgreSQL, Kafka (KRaft), S3 (S3Proxy, or
 * LocalStack with {@code -Dlab.containers.s3=localstack}) and a Debezium Connect worker with the Iceberg sink, on
 * one network. PostgreSQL, S3 and Kafka start in parallel, Connect once Kafka is up; if any fails, none is left
 * behind. A Glue lake runs moto in place of S3 ({@link MotoGlueLake}); Connect then starts once moto has issued the
 * sink's session too. Container output goes to {@code target/cdc-lab/runs/<run>/logs/}.
 */
public final class ContainersBackend extends AbstractBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ContainersBackend.class);

    /** Where a run's images come from; every one is on the engine once it returns, or it throws saying why not. */
    @FunctionalInterface
    interface ImagesForRun {
        LabImages obtain(LabSettings settings, boolean glueLake, S3Server s3Server);
    }

    private final ImagesForRun imagesForRun;

    /** With the images {@code -Dlab.containers.images} names. */
    public ContainersBackend() {
        this(ContainersBackend::imagesFromSettings);
    }

    ContainersBackend(ImagesForRun imagesForRun) {
        super("containers", "it starts one Connect container; a second would need its own network alias, host port "
                + "for REST, log file and fault controls, which are not built (F9 runs on the embedded backend).");
        this.imagesForRun = imagesForRun;
    }

    @Override
    public RunningTopology start(Topology topology) {
        if (!DockerEngine.isAvailable()) {
            throw new LabException("The containers backend needs a Docker engine, and " + DockerEngine.UNAVAILABLE_REASON
                    + ". Start one, or choose -Dlab.backend=embedded.");
        }
        S3Server s3Server = S3Server.from(topology.labSettings());
        boolean glue = topology.lake() == LakeKind.GLUE;
        // Before anything starts: a missing image stops the run here, with one error and nothing to clean up.
        Timer imagesTimer = Timer.start();
        LabImages images = imagesForRun.obtain(topology.labSettings(), glue, s3Server);
        LOG.info("containers: {} images ready in {}", images.source().label(), imagesTimer.seconds());
        StartupTimes times = new StartupTimes();
        RuntimeLayout layout = RuntimeLayout.locate(topology.labSettings());
        Path logs = layout.home().resolve("target/cdc-lab/runs")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-containers-"
                        + Secret.random(3).reveal()).resolve("logs");
        LabSecrets secrets = LabSecrets.generate();
        LabContainers containers = LabContainers.define(topology, ConnectPlugins.locate(layout), secrets, s3Server,
                System.getenv(), images);
        containers.byService().forEach((name, c) -> c.withLogConsumer(new ContainerLogFile(logs.resolve(name + ".log"))));
        ContainersServices services = ContainersServices.of(containers, secrets);
        LOG.info("containers: starting {} with {} images {}", topology, images.source().label(), containers.images());

        AtomicReference<MotoGlueLake> glueLake = new AtomicReference<>();
        Runnable postgres = () -> {
            times.start(services.postgres());
            PostgresSetup.createRolesAndDatabases(containers.postgres(), topology.sourceDatabase(), secrets);
        };
        Runnable store = glue
                ? () -> {
                    times.start(services.s3());
                    glueLake.set(MotoGlueLake.provision(containers.s3().hostEndpoint(), containers.s3().networkEndpoint(),
                            AwsSettings.emulated(topology.bucket(), topology.region(), topology.labSettings().keep()),
                            containers.connect()));
                }
                : () -> {
                    times.start(services.s3());
                    // With the pipeline's key pair: proof that the store accepts it.
                    S3Bucket.create(containers.s3().hostEndpoint(), topology.region(), secrets.s3Credentials(),
                            topology.bucket());
                };
        Runnable kafka = () -> times.start(services.kafka());
        Runnable connect = () -> times.start(services.connect());
        try {
            if (glue) {
                ParallelStart.run(services, List.of(postgres, store, kafka));
                // Docker fixes the worker's environment at creation: it is created once moto has issued its session.
                ParallelStart.run(services, List.of(connect));
            } else {
                ParallelStart.run(services, List.of(postgres, store, () -> {
                    kafka.run();
                    connect.run();
                }));
            }
        } catch (RuntimeException e) {
            closeNetwork(containers);
            if (e instanceof LabException) {
                throw e;
            }
            throw new LabException("The containers topology failed to start: " + e + ". Container output is in "
                    + logs, e);
        }
        Map<String, Duration> ready = times.withTotal();
        LOG.info("containers: topology ready in {} ms ({})", ready.get("total").toMillis(), ready);
        // Two sink tasks must never migrate a fresh JDBC catalog at once (scenario F10); a Glue lake skips this.
        return AbstractRunningTopology.withCatalogReady(glue
                ? new GlueLakeContainersTopology(topology, containers, services, secrets, glueLake.get(), ready, logs)
                : new ContainersTopology(topology, containers, services, secrets, ready, logs));
    }

    /** The images {@code -Dlab.containers.images} names: the public ones (present or pulled), or built ones. */
    static LabImages imagesFromSettings(LabSettings settings, boolean glueLake, S3Server s3Server) {
        return switch (ImageSource.from(settings)) {
            case PUBLIC -> requirePublic(LabImages.publicImages(), glueLake, s3Server,
                    ImageAvailability.onTestcontainersEngine());
            case BUILT -> {
                if (glueLake && BuiltImages.whyNoMoto(settings).isPresent()) {
                    throw new LabException("A Glue lake cannot run on the containers backend with -D"
                            + ImageSource.PROPERTY + "=built: " + BuiltImages.NO_MOTO + ".");
                }
                if (s3Server != S3Server.S3PROXY) {
                    throw new LabException("-D" + S3Server.PROPERTY + "=" + s3Server.name().toLowerCase(Locale.ROOT)
                            + " has no built image: with -D" + ImageSource.PROPERTY + "=built the S3 store is S3Proxy "
                            + "(leave -D" + S3Server.PROPERTY + " unset).");
                }
                if (glueLake) {
                    yield BuiltImages.onTestcontainersEngine().ensureWithMoto(BaseImage.from(settings), settings);
                }
                yield BuiltImages.onTestcontainersEngine().ensure(BaseImage.from(settings), settings);
            }
        };
    }

    /** {@code images}' public images that a run needs, each present on the engine or pulled now. */
    static LabImages requirePublic(LabImages images, boolean glueLake, S3Server s3Server, ImageAvailability availability) {
        availability.requirePublic(List.of(images.postgres(), images.kafka(), images.connect(),
                LabContainers.storeImage(images, glueLake, s3Server)));
        return images;
    }

    private static void closeNetwork(LabContainers containers) {
        try {
            containers.network().close();
        } catch (RuntimeException e) {
            LOG.warn("containers: removing the network failed: {}", e.toString());
        }
    }
}
