package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.ContainerImages;
import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.backend.containers.images.LabImages;
import io.cdclab.errors.LabException;
import io.cdclab.gluelake.EmulatedAccount;
import io.cdclab.servers.WorkerSettings;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.Topology;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four containers of one topology on one network, defined but not started. Defining them talks to no Docker
 * engine, so unit tests inspect exactly what {@link ContainersBackend} would start. {@code s3} is the lake's
 * store: the chosen S3 server for a JDBC lake, the moto container (Glue, S3, STS, IAM) for a Glue lake.
 */
public record LabContainers(Network network, PostgreSQLContainer postgres, KafkaContainer kafka,
                            ConnectContainer connect, S3Container s3, ImageSource imageSource,
                            Map<String, DockerImageName> images) {

    /** On the public images. */
    public static LabContainers define(Topology topology, ConnectPlugins plugins, LabSecrets secrets, S3Server s3Server,
                                       Map<String, String> environment) {
        return define(topology, plugins, secrets, s3Server, environment, LabImages.publicImages());
    }

    /**
     * @param s3Server    the S3 server of a JDBC lake (a Glue lake runs moto instead)
     * @param environment the lab's environment, for settings that come from there (LocalStack's auth token)
     * @param images      where the images come from; a Glue lake needs one with moto
     */
    public static LabContainers define(Topology topology, ConnectPlugins plugins, LabSecrets secrets, S3Server s3Server,
                                       Map<String, String> environment, LabImages images) {
        boolean glue = topology.lake() == LakeKind.GLUE;
        if (glue && images.moto().isEmpty()) {
            throw new LabException("A Glue lake cannot run on the containers backend with -D" + ImageSource.PROPERTY
                    + "=" + images.source().label() + ": " + images.whyNoMoto().orElse("no moto image") + ".");
        }
        Network network = Network.newNetwork(); // created in Docker only when the first container starts
        // A Glue lake's account is set up by the lab itself in moto's first unsigned requests (EmulatedAccount).
        S3Container s3 = glue
                ? new MotoContainer(network, EmulatedAccount.UNSIGNED_SET_UP_REQUESTS, images.moto().get()).asLakeStore()
                : s3Server.define(network, topology.region(), secrets.s3Credentials(), environment, images.s3proxy());
        PostgreSQLContainer postgres = PostgresContainers.create(network, secrets.superuserPassword(), images.postgres());
        KafkaContainer kafka = KafkaContainers.create(network, topology.kafkaPartitions(), images.kafka());
        // No dependsOn(kafka): the backend starts Kafka first itself, and a dependency would let a Connect start
        // that runs on after a failed topology start bring Kafka up again behind the clean-up.
        ConnectContainer connect = new ConnectContainer(network, plugins, images.connect())
                .withSecretEnvironment(secrets.workerEnvironment(topology.lake(), topology.region()))
                .withWorkerSettings(WorkerSettings.of(topology));
        Map<String, DockerImageName> used = new LinkedHashMap<>();
        used.put("postgres", images.postgres());
        used.put("kafka", images.kafka());
        used.put("connect", images.connect());
        used.put(s3.service(), storeImage(images, glue, s3Server));
        return new LabContainers(network, postgres, kafka, connect, s3, images.source(), used);
    }

    /** The lake's store: moto for a Glue lake, else the chosen S3 server (LocalStack only ever from its registry). */
    static DockerImageName storeImage(LabImages images, boolean glueLake, S3Server s3Server) {
        return glueLake ? images.moto().orElseThrow()
                : s3Server == S3Server.S3PROXY ? images.s3proxy() : ContainerImages.LOCALSTACK;
    }

    /** By service name, in start order. */
    public Map<String, GenericContainer<?>> byService() {
        Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
        containers.put("postgres", postgres);
        containers.put(s3.service(), s3.container());
        containers.put("kafka", kafka);
        containers.put("connect", connect);
        return containers;
    }
}
