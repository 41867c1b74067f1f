package io.cdclab.backend.containers;

import io.cdclab.backend.aws.EmulatedAccount;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.ExactlyOnceProfile;
import io.cdclab.topology.Topology;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four containers of one topology on one network, defined but not started. Defining them talks to no Docker
 * engine, so unit tests inspect exactly what {@link ContainersBackend} would start. {@code s3} is the lake's
 * store: the chosen S3 server for a JDBC lake, the moto container (Glue, S3, STS, IAM) for a Glue lake.
 */
public record LabContainers(Network network, PostgreSQLContainer postgres, KafkaContainer kafka,
                            ConnectContainer connect, S3Container s3) {

    /**
     * @param s3Server    the S3 server of a JDBC lake (a Glue lake runs moto instead)
     * @param environment the lab's environment, for settings that come from there (LocalStack's auth token)
     */
    public static LabContainers define(Topology topology, ConnectPlugins plugins, LabSecrets secrets, S3Server s3Server,
                                       Map<String, String> environment) {
        Network network = Network.newNetwork(); // created in Docker only when the first container starts
        // A Glue lake's account is set up by the lab itself in moto's first unsigned requests (EmulatedAccount).
        S3Container s3 = topology.lake() == LakeKind.GLUE
                ? new MotoContainer(network, EmulatedAccount.UNSIGNED_SET_UP_REQUESTS).asLakeStore()
                : s3Server.define(network, topology.region(), secrets.s3Credentials(), environment);
        PostgreSQLContainer postgres = PostgresContainers.create(network, secrets.superuserPassword());
        KafkaContainer kafka = KafkaContainers.create(network, topology.kafkaPartitions());
        // No dependsOn(kafka): the backend starts Kafka first itself, and a dependency would let a Connect start
        // that runs on after a failed topology start bring Kafka up again behind the clean-up.
        ConnectContainer connect = new ConnectContainer(network, plugins)
                .withSecretEnvironment(secrets.workerEnvironment(topology.lake(), topology.region()));
        if (topology.exactlyOnce()) {
            connect.withWorkerSettings(ExactlyOnceProfile.workerSettings());
        }
        return new LabContainers(network, postgres, kafka, connect, s3);
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
