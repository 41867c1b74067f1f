package io.cdclab.backend.containers;

import io.cdclab.servers.BrokerSettings;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Locale;

/**
 * One Apache Kafka node in KRaft mode (broker and controller) from the official image, through Testcontainers'
 * Kafka module: the lab's JVM uses the PLAINTEXT listener on a host port, the Connect container a second listener
 * at {@code kafka:19092} on the network. Broker settings are the embedded backend's ({@link BrokerSettings}). The command is the lab's
 * ({@link KafkaStartCommand}) so that {@code docker stop} reaches the broker.
 */
public final class KafkaContainers {
    public static final int HOST_LISTENER_PORT = 9092;
    /** The embedded broker's heap; the image's kafka-server-start.sh would otherwise take 1 GB. */
    static final String HEAP_OPTS = "-Xms256m -Xmx512m";

    private KafkaContainers() {
    }

    /** apache/kafka's variable for a server property: dots become underscores, under KAFKA_. */
    static String brokerVariable(String property) {
        if (property.contains("_") || property.contains("-")) {
            // The image spells '_' as "__" and '-' as "___"; the lab's settings use neither, so none is needed yet.
            throw new IllegalArgumentException("No KAFKA_* spelling is defined here for broker property " + property);
        }
        return "KAFKA_" + property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** On {@code image}: the official one, or one that honours its contract (a built image). */
    public static KafkaContainer create(Network network, int defaultPartitions, DockerImageName image) {
        KafkaContainer kafka = new KafkaContainer(image)
                .withNetwork(network)
                .withNetworkAliases(NetworkAliases.KAFKA)
                .withListener(NetworkAliases.kafkaBootstrapServers())
                .withCommand(KafkaStartCommand.command())
                .withEnv("KAFKA_HEAP_OPTS", HEAP_OPTS);
        // The lab's broker settings as the image's KAFKA_* variables (num.partitions becomes KAFKA_NUM_PARTITIONS).
        BrokerSettings.of(defaultPartitions).forEach((key, value) -> kafka.withEnv(brokerVariable(key), value));
        kafka.withStartupTimeout(Duration.ofMinutes(2));
        HostPorts.publish(kafka, HOST_LISTENER_PORT);
        return kafka;
    }
}
