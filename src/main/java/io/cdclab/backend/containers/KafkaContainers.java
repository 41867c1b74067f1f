package io.cdclab.backend.containers;

import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

/**
 * One Apache Kafka node in KRaft mode (broker and controller) from the official image, through Testcontainers'
 * Kafka module: the lab's JVM uses the PLAINTEXT listener on a host port, the Connect container a second listener
 * at {@code kafka:19092} on the network. Broker settings match the embedded backend's. The command is the lab's
 * ({@link KafkaStartCommand}) so that {@code docker stop} reaches the broker.
 */
public final class KafkaContainers {
    public static final int HOST_LISTENER_PORT = 9092;
    /** The embedded broker's heap; the image's kafka-server-start.sh would otherwise take 1 GB. */
    static final String HEAP_OPTS = "-Xms256m -Xmx512m";

    private KafkaContainers() {
    }

    public static KafkaContainer create(Network network, int defaultPartitions) {
        return create(network, defaultPartitions, ContainerImages.KAFKA);
    }

    /** On {@code image}: the official one, or one that honours its contract (a built image). */
    public static KafkaContainer create(Network network, int defaultPartitions, DockerImageName image) {
        KafkaContainer kafka = new KafkaContainer(image)
                .withNetwork(network)
                .withNetworkAliases(NetworkAliases.KAFKA)
                .withListener(NetworkAliases.kafkaBootstrapServers())
                .withCommand(KafkaStartCommand.command())
                .withEnv("KAFKA_HEAP_OPTS", HEAP_OPTS)
                // Debezium creates change-event topics with this many partitions unless its config says otherwise.
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(defaultPartitions))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "10")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "5")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                // A restarted node re-registers within seconds (see the embedded KafkaBroker).
                .withEnv("KAFKA_BROKER_SESSION_TIMEOUT_MS", "2000")
                .withEnv("KAFKA_BROKER_HEARTBEAT_INTERVAL_MS", "500");
        kafka.withStartupTimeout(Duration.ofMinutes(2));
        HostPorts.publish(kafka, HOST_LISTENER_PORT);
        return kafka;
    }
}
