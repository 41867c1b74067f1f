package io.cdclab.backend.containers;

import com.github.dockerjava.api.command.InspectImageResponse;
import io.cdclab.backend.containers.images.BaseImage;
import io.cdclab.backend.containers.images.BuiltImages;
import io.cdclab.backend.containers.images.LabImages;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.servers.ConnectWorker;
import io.cdclab.settings.LabSettings;
import io.cdclab.util.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each image the lab builds honours the contract of the public image it stands in for: Testcontainers' own
 * PostgreSQL and Kafka modules, and the lab's own Connect and S3Proxy containers, run unchanged on the built images
 * and see what they would see on the public ones. The images are built on the base image the settings name
 * ({@code -Dlab.containers.baseImage}, {@code LAB_CONTAINERS_BASE_IMAGE}); a second ensure builds nothing.
 */
@RequiresDockerEngine(whateverTheBackend = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltImagesContractTest {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltImagesContractTest.class);
    private static final String READY = "database system is ready to accept connections";
    private LabImages images;

    @BeforeAll
    void buildImages() {
        Timer timer = Timer.start();
        LabSettings run = LabSettings.fromSystemProperties();
        images = BuiltImages.onTestcontainersEngine().ensure(BaseImage.from(run), run);
        LOG.info("contract: built images ready in {}", timer.seconds());
    }

    @Test
    void aSecondEnsure_buildsNothing_andNamesTheSameImages() {
        Map<String, String> idsBefore = ids(images);
        Timer timer = Timer.start();
        LabSettings run = LabSettings.fromSystemProperties();
        LabImages again = BuiltImages.onTestcontainersEngine().ensure(BaseImage.from(run), run);
        LOG.info("contract: second ensure (cached) took {}", timer.seconds());
        assertThat(again).isEqualTo(images);
        assertThat(ids(again)).isEqualTo(idsBefore);
        assertThat(List.of(images.postgres(), images.kafka(), images.connect(), images.s3proxy()))
                .allSatisfy(name -> assertThat(name.asCanonicalNameString()).matches("localhost/cdc-lab-[a-z0-9]+:[^-]+.*-[0-9a-f]{12}"));
        assertThat(images.moto()).isEmpty();
        assertThat(images.whyNoMoto()).hasValueSatisfying(why -> assertThat(why).contains("moto", "Glue lake"));
    }

    @Test
    void postgres_testcontainersModule_runsUnchanged_withThePostgresVariables_andTwoReadyLines() throws SQLException {
        Timer timer = Timer.start();
        try (PostgreSQLContainer postgres = new PostgreSQLContainer(images.postgres())
                .withDatabaseName("shop").withUsername("lab").withPassword("contract-pw")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "fsync=off")) {
            postgres.start();
            LOG.info("contract: PostgreSQLContainer on {} started in {}", images.postgres(), timer.seconds());
            try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), "lab", "contract-pw");
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT current_database(), current_user, current_setting('server_version'), "
                                 + "current_setting('wal_level'), current_setting('password_encryption')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("shop");         // POSTGRES_DB
                assertThat(rs.getString(2)).isEqualTo("lab");          // POSTGRES_USER, a superuser
                assertThat(rs.getString(3)).isEqualTo("16.10");        // the embedded backend's release
                assertThat(rs.getString(4)).isEqualTo("logical");      // arguments after "postgres"
                assertThat(rs.getString(5)).isEqualTo("scram-sha-256");
            }
            // POSTGRES_PASSWORD is enforced over TCP, as the official image's pg_hba rule does.
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.getJdbcUrl(), "lab", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThat(count(postgres.getLogs(), READY)).as("ready lines (init server, then the real one)").isEqualTo(2);
            assertThat(postgres.getLogs()).doesNotContain("contract-pw");
        }
    }

    @Test
    void kafka_testcontainersModule_runsUnchanged_withTheKafkaVariables() throws Exception {
        Timer timer = Timer.start();
        try (KafkaContainer kafka = new KafkaContainer(images.kafka()).withEnv("KAFKA_NUM_PARTITIONS", "3")) {
            kafka.start();
            LOG.info("contract: KafkaContainer on {} started in {}", images.kafka(), timer.seconds());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>("contract", "k", "v")).get(60, TimeUnit.SECONDS);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .isEqualTo("4L6g3nShT-eMCtK--X86sw"); // the module's CLUSTER_ID
                // KAFKA_NUM_PARTITIONS became num.partitions: an auto-created topic gets 3.
                assertThat(admin.describeTopics(List.of("contract")).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get("contract").partitions()).hasSize(3);
            }
        }
    }

    @Test
    void connect_theLabsContainer_loadsDebeziumAndTheIcebergSink_withTheImagesVariables() throws Exception {
        try (Network network = Network.newNetwork();
             KafkaContainer kafka = KafkaContainers.create(network, 1, images.kafka());
             ConnectContainer connect = new ConnectContainer(network, ConnectPlugins.locate(RuntimeLayout.locate()),
                     images.connect())) {
            Timer timer = Timer.start();
            kafka.start();
            LOG.info("contract: lab's Kafka container on {} started in {}", images.kafka(), timer.seconds());
            timer = Timer.start();
            connect.start(); // its wait strategy: /connector-plugins lists Debezium's source and the Iceberg sink
            LOG.info("contract: lab's ConnectContainer on {} started in {}", images.connect(), timer.seconds());
            assertThat(connect.client().connectorPlugins())
                    .contains(ConnectWorker.DEBEZIUM_CONNECTOR, ConnectWorker.ICEBERG_SINK_CONNECTOR);
            assertThat(connect.client().serverInfo().path("version").asText()).isEqualTo("4.3.1");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
                // CONFIG/OFFSET/STATUS_STORAGE_TOPIC named the topics; CONNECT_OFFSET_STORAGE_PARTITIONS sized one.
                var topics = admin.describeTopics(List.of("connect-configs", "connect-offsets", "connect-status"))
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.get("connect-offsets").partitions()).hasSize(5);
                assertThat(topics.get("connect-status").partitions()).hasSize(1);
            }
            assertThat(connect.getLogs()).contains("--- Setting property from CONNECT_CONFIG_PROVIDERS: config.providers=env,file");
        }
    }

    @Test
    void s3proxy_theLabsContainer_enforcesItsKeyPair_fromTheFileVariables() {
        AwsCredentials keys = AwsCredentials.generate();
        try (Network network = Network.newNetwork();
             S3ProxyContainer proxy = new S3ProxyContainer(network, keys, images.s3proxy())) {
            Timer timer = Timer.start();
            proxy.start();
            LOG.info("contract: lab's S3ProxyContainer on {} started in {}", images.s3proxy(), timer.seconds());
            S3Bucket.create(proxy.hostEndpoint(), "eu-west-1", keys, "lake");
            try (S3Client s3 = client(proxy, keys)) {
                s3.putObject(b -> b.bucket("lake").key("a.txt"), RequestBody.fromString("written with the pair"));
                assertThat(s3.listObjectsV2(b -> b.bucket("lake")).contents()).hasSize(1);
            }
            try (S3Client s3 = client(proxy, AwsCredentials.generate())) {
                assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("lake")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
            assertThat(proxy.getLogs()).doesNotContain(keys.secretAccessKey().reveal());
        }
    }

    /**
     * The fault scenarios stop and start containers (docker stop, docker start): the built PostgreSQL must come back
     * on its data without a second initdb, the built Kafka node without a second storage format, as the public
     * images do. Through the lab's own restart path ({@link ContainerService}).
     */
    @Test
    void postgresAndKafka_theLabsContainers_comeBackOnTheirData_afterDockerStopAndStart() throws Exception {
        Secret password = Secret.of("restart-pw");
        try (Network network = Network.newNetwork();
             PostgreSQLContainer postgres = PostgresContainers.create(network, password, images.postgres());
             KafkaContainer kafka = KafkaContainers.create(network, 2, images.kafka())) {
            Callable<Boolean> postgresAnswers = () -> {
                try (Connection c = DriverManager.getConnection(PostgresSetup.jdbcUrl(postgres, "postgres"), "postgres",
                        password.reveal())) {
                    return c.isValid(2);
                }
            };
            ContainerService pg = new ContainerService("postgres", new TestcontainersDockerCalls(postgres), postgresAnswers);
            ContainerService broker = new ContainerService("kafka", new TestcontainersDockerCalls(kafka), () -> {
                try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
                    return a.listTopics().names().get(3, TimeUnit.SECONDS).contains("kept");
                }
            });
            pg.start();
            broker.start();
            try (Connection c = DriverManager.getConnection(PostgresSetup.jdbcUrl(postgres, "postgres"), "postgres",
                    password.reveal())) {
                c.createStatement().execute("CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1)");
            }
            try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
                a.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }

            Timer timer = Timer.start();
            pg.restart();      // readiness waited for inside: the JDBC check above
            broker.restart();  // ... and the topic listed again
            LOG.info("contract: built PostgreSQL and Kafka stopped and started again in {}", timer.seconds());
            try (Connection c = DriverManager.getConnection(PostgresSetup.jdbcUrl(postgres, "postgres"), "postgres",
                    password.reveal());
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(count(postgres.getLogs(), "PostgreSQL init process complete")).as("initdb ran once").isEqualTo(1);
        }
    }

    private static S3Client client(S3ProxyContainer proxy, AwsCredentials keys) {
        return S3Client.builder().endpointOverride(proxy.hostEndpoint()).forcePathStyle(true).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal())))
                .build();
    }

    private static Map<String, String> ids(LabImages images) {
        return Map.of("postgres", id(images.postgres().asCanonicalNameString()),
                "kafka", id(images.kafka().asCanonicalNameString()),
                "connect", id(images.connect().asCanonicalNameString()),
                "s3proxy", id(images.s3proxy().asCanonicalNameString()));
    }

    private static String id(String image) {
        InspectImageResponse inspected = DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        return inspected.getId() + "@" + inspected.getCreated();
    }

    private static int count(String text, String line) {
        Matcher m = Pattern.compile(Pattern.quote(line)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
