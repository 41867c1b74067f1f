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
        containers = define(S3Server.MINIO);
    }

    private LabContainers define(S3Server s3) {
        return LabContainers.define(Topology.builder().kafkaPartitions(6).region("eu-west-1").build(),
                pluginFolder, secrets, s3);
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
        assertThat(ContainerImages.MINIO.asCanonicalNameString()).isEqualTo("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z");
        assertThat(ContainerImages.all()).allSatisfy(image -> assertThat(image.getVersionPart()).isNotEqualTo("latest"));
        assertThat(ContainerImages.byService(S3Server.MINIO)).containsEntry("s3", ContainerImages.MINIO);
        assertThat(ContainerImages.byService(S3Server.LOCALSTACK)).containsEntry("s3", ContainerImages.LOCALSTACK);

        assertThat(imageOf(containers.postgres())).isEqualTo("postgres:16.10");
        assertThat(imageOf(containers.kafka())).isEqualTo("apache/kafka:4.3.1");
        assertThat(imageOf(containers.connect())).isEqualTo("quay.io/debezium/connect:3.6.1.Final");
        assertThat(imageOf(containers.s3().container())).isEqualTo("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z");
    }

    @Test
    void everyContainerIsOnTheOneNetworkUnderItsAlias() {
        assertThat(containers.byService().values()).allSatisfy(c -> assertThat(c.getNetwork()).isSameAs(containers.network()));
        assertThat(containers.postgres().getNetworkAliases()).contains("postgres");
        assertThat(containers.kafka().getNetworkAliases()).contains("kafka");
        assertThat(containers.connect().getNetworkAliases()).contains("connect");
        assertThat(containers.s3().container().getNetworkAliases()).contains("minio");
    }

    @Test
    void eachContainerPublishesItsPortOnARandomFreeHostPort() {
        assertThat(containers.postgres().getExposedPorts()).contains(5432);
        assertThat(containers.kafka().getExposedPorts()).contains(9092);
        assertThat(containers.connect().getExposedPorts()).containsExactly(8083);
        assertThat(containers.s3().container().getExposedPorts()).containsExactly(9000);
        Map<String, Integer> containerPorts = Map.of("postgres", 5432, "kafka", 9092, "connect", 8083, "s3", 9000);
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
                .containsEntry("CONNECT_CONFIG_PROVIDERS", "env,file")
                .containsEntry("CONNECT_CONFIG_PROVIDERS_ENV_CLASS", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                .containsEntry("CONNECT_CONFIG_PROVIDERS_FILE_CLASS", "org.apache.kafka.common.config.provider.FileConfigProvider")
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
    void localStack_runsS3Only_andCannotRevokeKeys() {
        LabContainers withLocalStack = define(S3Server.LOCALSTACK);
        S3Container s3 = withLocalStack.s3();
        assertThat(imageOf(s3.container())).isEqualTo("localstack/localstack:4.14.0");
        assertThat(s3.container().getNetworkAliases()).contains("localstack");
        assertThat(s3.container().getExposedPorts()).containsExactly(4566);
        assertThat(s3.container().getEnvMap()).containsEntry("SERVICES", "s3");
        assertThat(s3.container().getBinds()).as("no Docker socket mount").isEmpty();
        assertThat(waitStrategyOf(s3.container())).isInstanceOf(LogMessageWaitStrategy.class);
        assertThat(s3.networkEndpoint()).hasToString("http://localstack:4566");
        assertThat(s3.keyAdmin()).as("LocalStack accepts any key pair").isEmpty();
        assertThat(s3.container().getContainerId()).isNull();
    }

    @Test
    void minio_isTheDefault_withARandomRootLoginAndNoConsole() throws Exception {
        assertThat(S3Server.parse(null)).isEqualTo(S3Server.MINIO);
        assertThat(S3Server.parse(" LocalStack ")).isEqualTo(S3Server.LOCALSTACK);
        assertThatThrownBy(() -> S3Server.parse("ceph")).hasMessageContaining("minio").hasMessageContaining("localstack");

        MinioS3Container minio = (MinioS3Container) containers.s3().container();
        // The module sets the root login in configure(), run at start; run it here to see what the container gets.
        minio.configure();
        assertThat(minio.getEnvMap()).containsEntry("MINIO_ROOT_USER", "lab-admin")
                .containsEntry("MINIO_ROOT_PASSWORD", secrets.objectStoreRootPassword().reveal())
                .containsEntry("MINIO_SITE_REGION", "eu-west-1");
        // --quiet: the start-up banner would print the root login into the run's logs.
        assertThat(minio.getCommandParts()).containsExactly("server", "--quiet", "/data");
        assertThat(containers.s3().networkEndpoint()).hasToString("http://minio:9000");
        assertThat(containers.s3().keyAdmin()).containsSame(minio.admin());
        WaitStrategy wait = waitStrategyOf(minio);
        assertThat(wait).isInstanceOf(HttpWaitStrategy.class);
        assertThat(field(wait, "path")).isEqualTo("/minio/health/live");
        assertThat(secrets.all()).contains(secrets.objectStoreRootPassword(), secrets.s3Credentials().secretAccessKey());
    }

    @Test
    void connect_copiesSecretFilesIntoEveryContainerItCreates_andNamesOnlyTheirPaths() {
        String path = containers.connect().putSecretFile("f2-aws.properties", "secret-access-key=abc".getBytes());
        assertThat(path).isEqualTo("/kafka/lab-secrets/f2-aws.properties");
        containers.connect().putSecretFile("f2-aws.properties", "secret-access-key=def".getBytes());
        assertThat(containers.connect().secretFilePaths()).containsExactly(path);
        assertThatThrownBy(() -> containers.connect().putSecretFile("../etc/passwd", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
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
