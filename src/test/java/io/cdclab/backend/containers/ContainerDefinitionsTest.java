package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.ContainerImages;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.servers.BrokerSettings;
import io.cdclab.servers.ConnectWorker;
import io.cdclab.servers.WorkerSettings;
import io.cdclab.topology.LakeKind;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the containers backend would start, inspected without a Docker engine: images, environment, ports, network
 * aliases, the plugin copy and the wait strategies. Defining a container pulls and starts nothing.
 */
class ContainerDefinitionsTest {
    private static final String LOCALSTACK_TOKEN = "ls-token-0123456789abcdef";
    @TempDir
    Path pluginFolder;
    @TempDir
    Path debeziumFolder;
    private ConnectPlugins plugins;
    private LabSecrets secrets;
    private LabContainers containers;

    @BeforeEach
    void define() throws Exception {
        Files.writeString(pluginFolder.resolve("iceberg-kafka-connect-1.12.0.jar"), "not a real jar");
        Path partitioner = Files.writeString(debeziumFolder.resolve("cdc-lab-partitioner-0.1.0-SNAPSHOT-connect-plugin.jar"),
                "not a real jar");
        plugins = new ConnectPlugins(pluginFolder, partitioner);
        secrets = LabSecrets.generate();
        containers = define(S3Server.S3PROXY, Map.of());
    }

    private LabContainers define(S3Server s3, Map<String, String> environment) {
        return LabContainers.define(Topology.builder().kafkaPartitions(6).region("eu-west-1").build(),
                plugins, secrets, s3, environment);
    }

    @AfterEach
    void noContainerWasStarted() {
        containers.byService().values().forEach(c -> assertThat(c.getContainerId()).isNull());
    }

    @Test
    void imagesArePinnedInOnePlace() {
        assertThat(ContainerImages.POSTGRES.asCanonicalNameString()).isEqualTo("postgres:16.10");
        assertThat(ContainerImages.KAFKA.asCanonicalNameString()).isEqualTo("apache/kafka:4.3.1");
        assertThat(ContainerImages.CONNECT.asCanonicalNameString()).isEqualTo("quay.io/debezium/connect:3.7.1.Final");
        assertThat(ContainerImages.LOCALSTACK.asCanonicalNameString()).isEqualTo("localstack/localstack:4.14.0");
        assertThat(ContainerImages.S3PROXY.asCanonicalNameString()).isEqualTo("andrewgaul/s3proxy:4.1.1");
        assertThat(ContainerImages.MOTO.asCanonicalNameString()).isEqualTo("motoserver/moto:5.2.1");
        assertThat(ContainerImages.all()).allSatisfy(image -> assertThat(image.getVersionPart()).isNotEqualTo("latest"));
        assertThat(ContainerImages.all()).noneSatisfy(image -> assertThat(image.getUnversionedPart()).contains("minio"));

        assertThat(imageOf(containers.postgres())).isEqualTo("postgres:16.10");
        assertThat(imageOf(containers.kafka())).isEqualTo("apache/kafka:4.3.1");
        assertThat(imageOf(containers.connect())).isEqualTo("quay.io/debezium/connect:3.7.1.Final");
        assertThat(imageOf(containers.s3().container())).isEqualTo("andrewgaul/s3proxy:4.1.1");
    }

    @Test
    void exactlyOnce_reachesTheConnectContainerAsItsWorkerVariables_andOnlyWhenAsked() {
        assertThat(containers.connect().getEnvMap()).doesNotContainKey("CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT");
        LabContainers exactlyOnce = LabContainers.define(Topology.builder().exactlyOnce(true).build(), plugins, secrets,
                S3Server.S3PROXY, Map.of());
        assertThat(exactlyOnce.connect().getEnvMap())
                .containsEntry("CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT", "enabled")
                .containsEntry("CONNECT_CONSUMER_ISOLATION_LEVEL", "read_committed");
    }

    @Test
    void recoveryProfile_reachesTheConnectContainerToo_asTheEmbeddedWorkersSettingsDo() {
        assertThat(containers.connect().getEnvMap()).doesNotContainKey("CONNECT_SESSION_TIMEOUT_MS");
        Topology recovery = Topology.builder().profile(SettingsProfile.RECOVERY).build();
        LabContainers defined = LabContainers.define(recovery, plugins, secrets, S3Server.S3PROXY, Map.of());
        Map<String, String> env = defined.connect().getEnvMap();
        assertThat(env).containsEntry("CONNECT_SESSION_TIMEOUT_MS", "6000")
                .containsEntry("CONNECT_HEARTBEAT_INTERVAL_MS", "1000")
                .containsEntry("CONNECT_REBALANCE_TIMEOUT_MS", "15000");
        // Every one of the lab's worker settings, under the variable the image reads for it.
        WorkerSettings.of(recovery).forEach((property, value) ->
                assertThat(env).containsEntry(ConnectContainer.workerVariable(property), value));
        assertThat(env).containsEntry("GROUP_ID", "cdc-lab-connect").containsEntry("SHUTDOWN_TIMEOUT", "5000")
                .containsEntry("OFFSET_FLUSH_INTERVAL_MS", "1000").doesNotContainKey("CONNECT_GROUP_ID");
    }

    @Test
    void theBrokersSettings_areTheEmbeddedBrokersOnes_asKafkaVariables() {
        Map<String, String> env = containers.kafka().getEnvMap();
        BrokerSettings.of(6).forEach((property, value) ->
                assertThat(env).containsEntry(KafkaContainers.brokerVariable(property), value));
        assertThatThrownBy(() -> KafkaContainers.brokerVariable("log.cleaner.io_buffer.size"))
                .hasMessageContaining("log.cleaner.io_buffer.size");
    }

    @Test
    void everyContainerIsOnTheOneNetworkUnderItsAlias() {
        assertThat(containers.byService().values()).allSatisfy(c -> assertThat(c.getNetwork()).isSameAs(containers.network()));
        assertThat(containers.postgres().getNetworkAliases()).contains("postgres");
        assertThat(containers.kafka().getNetworkAliases()).contains("kafka");
        assertThat(containers.connect().getNetworkAliases()).contains("connect");
        assertThat(containers.s3().container().getNetworkAliases()).contains("s3proxy");
    }

    @Test
    void eachContainerPublishesItsPortOnARandomFreeHostPort_onLoopbackOnly() {
        assertThat(containers.postgres().getExposedPorts()).contains(5432);
        assertThat(containers.kafka().getExposedPorts()).contains(9092);
        assertThat(containers.connect().getExposedPorts()).containsExactly(8083);
        assertThat(containers.s3().container().getExposedPorts()).containsExactly(8080);
        Map<String, Integer> containerPorts = Map.of("postgres", 5432, "kafka", 9092, "connect", 8083, "s3", 8080);
        containers.byService().forEach((name, c) -> {
            assertThat(c.getPortBindings()).as(name).hasSize(1);
            String binding = c.getPortBindings().get(0);
            assertThat(binding).as(name).matches("127\\.0\\.0\\.1:\\d+:" + containerPorts.get(name) + "/tcp");
            assertThat(Integer.parseInt(binding.split(":")[1])).as(name).isGreaterThan(1023);
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
    void kafka_heapIsSetExplicitly_notTheImagesOneGigabyte() {
        // kafka-server-start.sh takes -Xmx1G -Xms1G when KAFKA_HEAP_OPTS is unset; the embedded broker runs in 512 MB.
        assertThat(containers.kafka().getEnvMap()).containsEntry("KAFKA_HEAP_OPTS", "-Xms256m -Xmx512m");
    }

    @Test
    void kafka_commandExecsTheImagesEntrypoint_soTheBrokerIsPid1AndGetsSigterm() {
        String[] command = containers.kafka().getCommandParts();
        assertThat(command).hasSize(3).startsWith("sh", "-c");
        assertThat(command[2]).isEqualTo(KafkaStartCommand.script("/tmp/testcontainers_start.sh", "/etc/kafka/docker/run"))
                .endsWith("exec /etc/kafka/docker/run")
                // The module's own command ran its starter script as a child of a PID-1 shell.
                .doesNotContain("done; /tmp/testcontainers_start.sh");
    }

    @Test
    void connect_isDebeziumsImageWithTheIcebergSinkAndTheLabsPartitionerCopiedIntoItsPluginFolders() {
        Map<String, MountableFile> copies = new HashMap<>();
        containers.connect().getCopyToFileContainerPathMap().forEach((file, path) -> copies.put(path, file));
        assertThat(copies).containsOnlyKeys("/kafka/connect/iceberg-sink",
                "/kafka/connect/debezium-connector-postgres/cdc-lab-partitioner.jar");
        assertThat(Path.of(copies.get("/kafka/connect/iceberg-sink").getResolvedPath())).isEqualTo(pluginFolder);
        // P1's producer.override.partitioner.class is loaded through Debezium's plugin class loader.
        assertThat(Path.of(copies.get("/kafka/connect/debezium-connector-postgres/cdc-lab-partitioner.jar").getResolvedPath()))
                .isEqualTo(plugins.partitionerJar());
        assertThat(containers.connect().getBinds()).isEmpty();
    }

    @Test
    void connect_hasNoStartDependency_theBackendOrdersTheStartsItself() {
        // With dependsOn(kafka), a Connect start running on after a failed topology start would start Kafka again.
        assertThat(containers.connect().getDependencies()).isEmpty();
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
        assertThat(env.keySet()).containsAll(LabSecrets.workerSecretVariables(LakeKind.JDBC));
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
        Predicate<String> body = (Predicate<String>) field(wait, "responsePredicate");
        assertThat(body.test("[{\"class\":\"" + ConnectWorker.DEBEZIUM_CONNECTOR + "\"}]")).isFalse();
        assertThat(body.test("[{\"class\":\"" + ConnectWorker.DEBEZIUM_CONNECTOR + "\"},{\"class\":\""
                + ConnectWorker.ICEBERG_SINK_CONNECTOR + "\"}]")).isTrue();
    }

    @Test
    void s3proxy_isTheDefault_andEnforcesThePipelinesKeyPair_readFromFilesNotTheEnvironment() throws Exception {
        assertThat(S3Server.parse(null)).isEqualTo(S3Server.S3PROXY);
        assertThat(S3Server.parse(" S3Proxy ")).isEqualTo(S3Server.S3PROXY);
        assertThat(S3Server.parse(" LocalStack ")).isEqualTo(S3Server.LOCALSTACK);
        assertThatThrownBy(() -> S3Server.parse("ceph")).hasMessageContaining("s3proxy").hasMessageContaining("localstack");
        assertThatThrownBy(() -> S3Server.parse("minio")).hasMessageContaining("deleted from Docker Hub")
                .hasMessageContaining("s3proxy");

        S3ProxyContainer proxy = (S3ProxyContainer) containers.s3().container();
        assertThat(containers.s3().keyEnforcement()).containsSame(proxy);
        assertThat(proxy.keys()).isEqualTo(secrets.s3Credentials());
        Map<String, String> env = proxy.getEnvMap();
        assertThat(env).containsEntry("S3PROXY_ENDPOINT", "http://0.0.0.0:8080")
                .containsEntry("S3PROXY_AUTHORIZATION", "aws-v2-or-v4")
                .containsEntry("S3PROXY_IDENTITY_FILE", "/opt/s3proxy/lab-keys/identity")
                .containsEntry("S3PROXY_CREDENTIAL_FILE", "/opt/s3proxy/lab-keys/credential")
                .containsEntry("JCLOUDS_PROVIDER", "filesystem-nio2")
                .containsEntry("JCLOUDS_FILESYSTEM_BASEDIR", "/data")
                .containsEntry("S3PROXY_JAVA_OPTS", "-Xmx256m")
                .doesNotContainKeys("S3PROXY_IDENTITY", "S3PROXY_CREDENTIAL");
        assertThat(env.values()).as("no key in the environment (docker inspect shows it)")
                .doesNotContain(secrets.s3Credentials().accessKeyId(), secrets.s3Credentials().secretAccessKey().reveal());
        assertThat(containers.s3().networkEndpoint()).hasToString("http://s3proxy:8080");
        assertThat(containers.s3().restartRefusal()).isEmpty();
        assertThat(containers.s3().secrets()).isEmpty();
        WaitStrategy wait = waitStrategyOf(proxy);
        assertThat(wait).isInstanceOf(HttpWaitStrategy.class);
        assertThat(field(wait, "path")).isEqualTo("/healthz");
        assertThat(field(wait, "livenessPort")).isEqualTo(Optional.of(8080));
        assertThat(field(wait, "statusCodes")).asString().contains("200");
    }

    @Test
    void localStack_needsAnAuthToken_namedWhenMissing() {
        assertThatThrownBy(() -> define(S3Server.LOCALSTACK, Map.of()))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("LOCALSTACK_AUTH_TOKEN")
                .hasMessageContaining("s3proxy");
        assertThatThrownBy(() -> define(S3Server.LOCALSTACK, Map.of("LOCALSTACK_AUTH_TOKEN", "  ")))
                .hasMessageContaining("LOCALSTACK_AUTH_TOKEN");
    }

    @Test
    void localStack_runsS3Only_withTheToken_andCannotRevokeKeysOrRestart() {
        LabContainers withLocalStack = define(S3Server.LOCALSTACK, Map.of("LOCALSTACK_AUTH_TOKEN", LOCALSTACK_TOKEN));
        S3Container s3 = withLocalStack.s3();
        assertThat(imageOf(s3.container())).isEqualTo("localstack/localstack:4.14.0");
        assertThat(s3.container().getNetworkAliases()).contains("localstack");
        assertThat(s3.container().getExposedPorts()).containsExactly(4566);
        assertThat(s3.container().getEnvMap()).containsEntry("SERVICES", "s3")
                .containsEntry("LOCALSTACK_AUTH_TOKEN", LOCALSTACK_TOKEN);
        assertThat(s3.secrets()).extracting(Secret::reveal).containsExactly(LOCALSTACK_TOKEN);
        assertThat(s3.container().getBinds()).as("no Docker socket mount").isEmpty();
        assertThat(waitStrategyOf(s3.container())).isInstanceOf(LogMessageWaitStrategy.class);
        assertThat(s3.networkEndpoint()).hasToString("http://localstack:4566");
        assertThat(s3.keyEnforcement()).as("LocalStack accepts any key pair").isEmpty();
        assertThat(s3.restartRefusal()).hasValueSatisfying(reason -> assertThat(reason).contains("in memory"));
        assertThat(s3.container().getContainerId()).isNull();
    }

    @Test
    void moto_servesTheAwsHalfOnOnePort_withAuthEnforcedAfterTheSetUpRequests() throws Exception {
        MotoContainer moto = new MotoContainer(containers.network(), 25);
        assertThat(imageOf(moto)).isEqualTo("motoserver/moto:5.2.1");
        assertThat(moto.getNetwork()).isSameAs(containers.network());
        assertThat(moto.getNetworkAliases()).contains("moto");
        assertThat(moto.getExposedPorts()).containsExactly(5000);
        assertThat(moto.getPortBindings()).singleElement().asString().matches("127\\.0\\.0\\.1:\\d+:5000/tcp");
        assertThat(moto.getEnvMap()).containsEntry("MOTO_PORT", "5000")
                .containsEntry("INITIAL_NO_AUTH_ACTION_COUNT", "25");
        assertThat(moto.networkEndpoint()).hasToString("http://moto:5000");
        WaitStrategy wait = waitStrategyOf(moto);
        assertThat(wait).isInstanceOf(HttpWaitStrategy.class);
        assertThat(field(wait, "path")).isEqualTo("/moto-api/");
        assertThat(field(wait, "livenessPort")).isEqualTo(Optional.of(5000));
        assertThat(field(wait, "statusCodes")).asString().contains("200");
        assertThat(moto.getContainerId()).isNull();
        assertThatThrownBy(() -> new MotoContainer(containers.network(), -1)).hasMessageContaining("0 or more");
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
