package io.cdclab.backend.containers;

import io.cdclab.backend.embedded.ConnectWorker;
import io.cdclab.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.containers.wait.strategy.LogMessageWaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.utility.MountableFile;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the containers backend would start, inspected without a Docker engine: images, environment, ports, network
 * aliases, the plugin copy and the wait strategies. Defining a container pulls and starts nothing.
 */
class ContainerDefinitionsTest {
    @TempDir
    Path pluginFolder;
    private LabSecrets secrets;
    private LabContainers containers;

    @BeforeEach
    void define() throws Exception {
        Files.writeString(pluginFolder.resolve("iceberg-kafka-connect-1.12.0.jar"), "not a real jar");
        secrets = LabSecrets.generate();
        containers = LabContainers.define(Topology.builder().kafkaPartitions(6).region("eu-west-1").build(),
                pluginFolder, secrets);
    }

    @AfterEach
    void noContainerWasStarted() {
        containers.byService().values().forEach(c -> assertThat(c.getContainerId()).isNull());
    }

    @Test
    void imagesArePinnedInOnePlace() {
        assertThat(ContainerImages.POSTGRES.asCanonicalNameString()).isEqualTo("postgres:16.10");
        assertThat(ContainerImages.KAFKA.asCanonicalNameString()).isEqualTo("apache/kafka:4.3.1");
        assertThat(ContainerImages.CONNECT.asCanonicalNameString()).isEqualTo("quay.io/debezium/connect:3.6.1.Final");
        assertThat(ContainerImages.LOCALSTACK.asCanonicalNameString()).isEqualTo("localstack/localstack:4.14.0");
        assertThat(ContainerImages.byService().values()).allSatisfy(image ->
                assertThat(image.getVersionPart()).isNotEqualTo("latest"));

        assertThat(imageOf(containers.postgres())).isEqualTo("postgres:16.10");
        assertThat(imageOf(containers.kafka())).isEqualTo("apache/kafka:4.3.1");
        assertThat(imageOf(containers.connect())).isEqualTo("quay.io/debezium/connect:3.6.1.Final");
        assertThat(imageOf(containers.s3())).isEqualTo("localstack/localstack:4.14.0");
    }

    @Test
    void everyContainerIsOnTheOneNetworkUnderItsAlias() {
        assertThat(containers.byService().values()).allSatisfy(c -> assertThat(c.getNetwork()).isSameAs(containers.network()));
        assertThat(containers.postgres().getNetworkAliases()).contains("postgres");
        assertThat(containers.kafka().getNetworkAliases()).contains("kafka");
        assertThat(containers.connect().getNetworkAliases()).contains("connect");
        assertThat(containers.s3().getNetworkAliases()).contains("localstack");
    }

    @Test
    void eachContainerPublishesItsPortOnARandomFreeHostPort() {
        assertThat(containers.postgres().getExposedPorts()).contains(5432);
        assertThat(containers.kafka().getExposedPorts()).contains(9092);
        assertThat(containers.connect().getExposedPorts()).containsExactly(8083);
        assertThat(containers.s3().getExposedPorts()).containsExactly(4566);
        Map<String, Integer> containerPorts = Map.of("postgres", 5432, "kafka", 9092, "connect", 8083, "s3", 4566);
        containers.byService().forEach((name, c) -> {
            assertThat(c.getPortBindings()).as(name).hasSize(1);
            String binding = c.getPortBindings().get(0);
            assertThat(binding).as(name).matches("\\d+:" + containerPorts.get(name) + "/tcp");
            assertThat(Integer.parseInt(binding.substring(0, binding.indexOf(':')))).as(name).isGreaterThan(1023);
        });
    }

    @Test
    void postgres_runsWithLogicalDecoding() {
        assertThat(containers.postgres().getCommandParts()).containsSequence("-c", "wal_level=logical")
                .containsSequence("-c", "max_replication_slots=32")
                .containsSequence("-c", "max_wal_senders=32")
                .containsSequence("-c", "password_encryption=scram-sha-256");
        assertThat(containers.postgres().getUsername()).isEqualTo("postgres");
        assertThat(containers.postgres().getPassword()).isEqualTo(secrets.superuserPassword().reveal());
        assertThat(waitStrategyOf(containers.postgres())).isInstanceOf(LogMessageWaitStrategy.class);
    }

    @Test
    void kafka_isOneKraftNodeWithAListenerForTheNetwork() {
        Map<String, String> env = containers.kafka().getEnvMap();
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_NUM_PARTITIONS", "6")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .containsEntry("KAFKA_BROKER_SESSION_TIMEOUT_MS", "2000");
        assertThat(NetworkAliases.kafkaBootstrapServers()).isEqualTo("kafka:19092");
        assertThat(waitStrategyOf(containers.kafka())).isInstanceOf(LogMessageWaitStrategy.class);
    }

    @Test
    void connect_isDebeziumsImageWithTheIcebergSinkCopiedIntoItsPluginFolder() {
        Map<MountableFile, String> copies = containers.connect().getCopyToFileContainerPathMap();
        assertThat(copies).hasSize(1);
        Map.Entry<MountableFile, String> copy = copies.entrySet().iterator().next();
        assertThat(copy.getValue()).isEqualTo("/kafka/connect/iceberg-sink");
        assertThat(Path.of(copy.getKey().getResolvedPath())).isEqualTo(pluginFolder);
        assertThat(containers.connect().getBinds()).isEmpty();
    }

    @Test
    void connect_workerSettingsMatchTheEmbeddedWorker() {
        Map<String, String> env = containers.connect().getEnvMap();
        assertThat(env).containsEntry("BOOTSTRAP_SERVERS", "kafka:19092")
                .containsEntry("GROUP_ID", "cdc-lab-connect")
                .containsEntry("CONFIG_STORAGE_TOPIC", "connect-configs")
                .containsEntry("OFFSET_STORAGE_TOPIC", "connect-offsets")
                .containsEntry("STATUS_STORAGE_TOPIC", "connect-status")
                .containsEntry("CONNECT_CONFIG_PROVIDERS", "env")
                .containsEntry("CONNECT_CONFIG_PROVIDERS_ENV_CLASS", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                .containsEntry("CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY", "All")
                .containsEntry("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
                .containsEntry("AWS_REGION", "eu-west-1");
    }

    @Test
    void connect_holdsTheSecretsOnlyInVariablesTheImageNeitherConvertsNorPrints() {
        Map<String, String> env = containers.connect().getEnvMap();
        assertThat(env).containsEntry("CDC_LAB_POSTGRES_PASSWORD", secrets.pipelinePassword().reveal())
                .containsEntry("CDC_LAB_CATALOG_PASSWORD", secrets.catalogPassword().reveal())
                .containsEntry("AWS_ACCESS_KEY_ID", secrets.s3Credentials().accessKeyId())
                .containsEntry("AWS_SECRET_ACCESS_KEY", secrets.s3Credentials().secretAccessKey().reveal());
        assertThat(env.keySet()).containsAll(LabSecrets.workerSecretVariables());
        env.forEach((name, value) -> {
            if (name.startsWith("CONNECT_")) {
                assertThat(value).as(name).doesNotContain(secrets.pipelinePassword().reveal(),
                        secrets.catalogPassword().reveal(), secrets.s3Credentials().secretAccessKey().reveal());
            }
        });
        assertThatThrownBy(() -> containers.connect().withSecretEnvironment(Map.of("CONNECT_X", "secret")))
                .hasMessageContaining("CONNECT_X").hasMessageNotContaining("secret\"");
        assertThat(secrets.toString()).doesNotContain(secrets.pipelinePassword().reveal(),
                secrets.s3Credentials().secretAccessKey().reveal());
    }

    @Test
    void connect_isReadyWhenBothPluginsAreListed() throws Exception {
        WaitStrategy wait = waitStrategyOf(containers.connect());
        assertThat(wait).isInstanceOf(HttpWaitStrategy.class);
        assertThat(field(wait, "path")).isEqualTo("/connector-plugins");
        @SuppressWarnings("unchecked")
        java.util.function.Predicate<String> body = (java.util.function.Predicate<String>) field(wait, "responsePredicate");
        assertThat(body.test("[{\"class\":\"" + ConnectWorker.DEBEZIUM_CONNECTOR + "\"}]")).isFalse();
        assertThat(body.test("[{\"class\":\"" + ConnectWorker.DEBEZIUM_CONNECTOR + "\"},{\"class\":\""
                + ConnectWorker.ICEBERG_SINK_CONNECTOR + "\"}]")).isTrue();
    }

    @Test
    void localStack_runsS3Only() {
        assertThat(containers.s3().getEnvMap()).containsEntry("SERVICES", "s3");
        assertThat(containers.s3().getBinds()).as("no Docker socket mount").isEmpty();
        assertThat(waitStrategyOf(containers.s3())).isInstanceOf(LogMessageWaitStrategy.class);
        assertThat(LocalStackS3Container.networkEndpoint()).hasToString("http://localstack:4566");
    }

    static String imageOf(GenericContainer<?> container) {
        // getDockerImageName() would resolve (pull) the image; the lazy image's description names it without that.
        String description = container.getImage().toString();
        return description.replaceAll(".*imageName=([^,)]+).*", "$1");
    }

    static WaitStrategy waitStrategyOf(GenericContainer<?> container) {
        try {
            Method getter = GenericContainer.class.getDeclaredMethod("getWaitStrategy");
            getter.setAccessible(true);
            return (WaitStrategy) getter.invoke(container);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field f = type.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
