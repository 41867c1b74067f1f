package io.cdclab.backend.containers;

/**
 * The names containers know each other by on the lab's Docker network. The lab's JVM never uses them: it reaches
 * every container through a host port.
 */
public final class NetworkAliases {
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String CONNECT = "connect";
    public static final String S3PROXY = "s3proxy";
    public static final String LOCALSTACK = "localstack";
    public static final String MOTO = "moto";

    /** The Kafka listener for containers on the network (the host's listener is PLAINTEXT on 9092). */
    public static final int KAFKA_NETWORK_PORT = 19092;

    private NetworkAliases() {
    }

    public static String kafkaBootstrapServers() {
        return KAFKA + ":" + KAFKA_NETWORK_PORT;
    }
}
