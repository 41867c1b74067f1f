package io.cdclab.backend.containers;

import io.cdclab.settings.LabSettings;
import io.cdclab.connect.ConnectorConfig;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.Secret;
import io.cdclab.gluelake.AwsApis;
import io.cdclab.gluelake.AwsSettings;
import io.cdclab.gluelake.GlueLake;
import io.cdclab.gluelake.GlueLakeAccess;
import io.cdclab.gluelake.MotoServer;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.Faults;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.Topology;
import io.cdclab.util.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Glue lake on the containers backend, wired without a Docker engine: the containers as defined (moto in place
 * of S3, a worker without keys), the catalog (Spark at moto's host port, the sink at its alias), and, against a
 * local moto_server standing in for the moto container's host port, the account's set-up, the worker's session
 * and the topology built on it with faked Docker calls. The last part is skipped where moto_server is absent.
 */
class ContainersGlueLakeTest {
    private static final URI ALIAS = URI.create("http://moto:5000");
    @TempDir
    Path dir;
    private final Topology topology = Topology.builder().lake(LakeKind.GLUE).region("eu-west-1").build();
    private final LabSecrets secrets = LabSecrets.generate();
    private final List<String> dockerCalls = new ArrayList<>();
    private LabContainers containers;
    private MotoServer moto;

    @BeforeEach
    void define() throws Exception {
        Path sink = Files.createDirectories(dir.resolve("iceberg-sink"));
        Files.writeString(sink.resolve("iceberg-kafka-connect-1.12.0.jar"), "not a real jar");
        Path partitioner = Files.writeString(dir.resolve("cdc-lab-partitioner.jar"), "not a real jar");
        containers = LabContainers.define(topology, new ConnectPlugins(sink, partitioner), secrets, S3Server.S3PROXY,
                Map.of());
    }

    @AfterEach
    void stop() {
        if (moto != null) {
            moto.stop();
        }
        containers.byService().values().forEach(c -> assertThat(c.getContainerId()).isNull());
    }

    @Test
    void aGlueLake_runsMotoInPlaceOfS3_withExactlyTheAdminsSetUpRequestsUnsigned_andAWorkerWithoutKeys() {
        assertThat(containers.byService()).containsOnlyKeys("postgres", "aws", "kafka", "connect");
        assertThat(containers.s3().container()).isInstanceOf(MotoContainer.class);
        assertThat(ContainerDefinitionsTest.imageOf(containers.s3().container())).isEqualTo("motoserver/moto:5.2.1");
        // CreateUser, PutUserPolicy, CreateAccessKey: one more would let anyone on the host in unsigned.
        assertThat(containers.s3().container().getEnvMap()).containsEntry("INITIAL_NO_AUTH_ACTION_COUNT", "3");
        assertThat(containers.s3().networkEndpoint()).isEqualTo(ALIAS);
        assertThat(containers.s3().restartRefusal()).hasValueSatisfying(r -> assertThat(r).contains("in memory"));

        Map<String, String> env = containers.connect().getEnvMap();
        assertThat(env).containsEntry(LabSecrets.POSTGRES_PASSWORD_VAR, secrets.pipelinePassword().reveal())
                .doesNotContainKeys(LabSecrets.CATALOG_PASSWORD_VAR, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                        "AWS_SESSION_TOKEN");
        assertThat(env.values()).doesNotContain(secrets.s3Credentials().secretAccessKey().reveal());
    }

    @Test
    void theCatalog_isTheSharedGlueCatalog_sparkAtMotosHostPort_theSinkAtItsAliasWithNoKeys() {
        AwsSettings settings = new AwsSettings("lake", "cdc-lab", "eu-west-1", "run-1", false);
        URI host = URI.create("http://localhost:49160");
        AwsCredentials admin = AwsCredentials.generate();
        CatalogSpec catalog = MotoGlueLake.catalog("lake", settings, host, ALIAS, admin);

        assertThat(catalog.properties()).as("GlueLake.catalogSpec, the one builder of the embedded and aws backends")
                .isEqualTo(GlueLake.catalogSpec("lake", settings, Optional.of(host), Optional.of(admin)).properties());
        assertThat(catalog.sparkProperties()).containsEntry("spark.sql.catalog.lake.glue.endpoint", host.toString())
                .containsEntry("spark.sql.catalog.lake.s3.endpoint", host.toString())
                .containsEntry("spark.sql.catalog.lake.warehouse", "s3://lake/cdc-lab/run-1")
                .containsValue(admin.secretAccessKey().reveal());
        Map<String, String> sink = catalog.sinkConnectorProperties();
        assertThat(sink).containsEntry("iceberg.catalog.glue.endpoint", "http://moto:5000")
                .containsEntry("iceberg.catalog.s3.endpoint", "http://moto:5000")
                .containsEntry("iceberg.catalog.s3.path-style-access", "true");
        assertNoKeys(sink);
        assertThat(sink.values()).doesNotContain(admin.secretAccessKey().reveal());
    }

    @Test
    void onMoto_theAccountIsSetUpThroughTheHostPort_theWorkerHoldsTheSession_andTheTopologyTellsTheTruth() {
        Assumptions.assumeTrue(MotoServer.locate(LabSettings.fromSystemProperties()).isPresent(), "moto_server is not on PATH; " + MotoServer.INSTALL_HINT);
        moto = new MotoServer(MotoServer.locate(LabSettings.fromSystemProperties()).get(), Ports.free(), dir.resolve("moto.log"));
        moto.start();
        AwsSettings settings = AwsSettings.emulated(topology.bucket(), topology.region(), false);

        MotoGlueLake glue = MotoGlueLake.provision(moto.endpoint(), ALIAS, settings, containers.connect());

        AwsCredentials session = glue.workerSession();
        assertThat(containers.connect().getEnvMap()).containsEntry("AWS_ACCESS_KEY_ID", session.accessKeyId())
                .containsEntry("AWS_SECRET_ACCESS_KEY", session.secretAccessKey().reveal())
                .containsEntry("AWS_SESSION_TOKEN", session.sessionToken().orElseThrow().reveal())
                .containsEntry("AWS_REGION", "eu-west-1");
        assertThat(callerArn(moto.endpoint(), session)).as("the worker is the sink's role, not the admin")
                .contains("assumed-role/cdc-lab-sink/");
        assertThatThrownBy(() -> listBuckets(moto.endpoint())).as("auth is enforced after the set-up requests")
                .isInstanceOf(S3Exception.class);

        GlueLakeContainersTopology lab = new GlueLakeContainersTopology(topology, containers, fakeServices(),
                secrets, glue, Map.of("total", Duration.ofSeconds(1)), dir.resolve("logs"));

        GlueLakeAccess access = lab;
        assertThat(access.apis().endpoint()).as("the lab's own clients: the host port").contains(moto.endpoint());
        assertThat(access.emulatedAccount()).containsSame(glue.account());
        assertThat(access.settings()).isEqualTo(settings);
        assertThat(lab.objectStore().endpoint()).contains(moto.endpoint());
        assertThat(lab.objectStore().warehouse()).isEqualTo(settings.warehouse());
        assertThat(lab.catalog().sparkProperties()).containsEntry("spark.sql.catalog.lake.glue.endpoint",
                moto.endpoint().toString());
        ConnectorConfig sink = Pipeline.builder(lab, "g1").tables("public.g1_customers").sinkConfig();
        assertThat(sink.get("iceberg.catalog.glue.endpoint")).isEqualTo("http://moto:5000");
        assertNoKeys(sink.config());
        assertThat(sink.toString()).doesNotContain(glue.account().adminCredentials().secretAccessKey().reveal(),
                session.secretAccessKey().reveal());

        assertThat(lab.workerSecretVariables()).containsExactly(LabSecrets.POSTGRES_PASSWORD_VAR, "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        assertThat(containers.connect().getEnvMap().keySet()).containsAll(lab.workerSecretVariables());
        assertThat(lab.secretsInUse()).extracting(Secret::reveal)
                .contains(glue.account().adminCredentials().secretAccessKey().reveal(),
                        session.secretAccessKey().reveal(), session.sessionToken().orElseThrow().reveal(),
                        secrets.pipelinePassword().reveal())
                .as("the unused S3 key pair is not claimed to be in use")
                .doesNotContain(secrets.s3Credentials().secretAccessKey().reveal());
        assertThat(lab.moreEndpoints()).containsEntry("Sink role", glue.account().sinkRoleSummary())
                .hasEntrySatisfying("AWS emulator (Glue, S3, STS, IAM)", e -> assertThat(e)
                        .contains(moto.endpoint().toString()).contains("http://moto:5000"))
                .hasEntrySatisfying("Images", e -> assertThat(e).contains("motoserver/moto:5.2.1")
                        .doesNotContain("s3proxy"));
        assertThat(lab.services()).containsOnlyKeys("postgres", "kafka", "connect", "aws");
        assertThatThrownBy(() -> lab.services().get("aws").stop()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("in memory");

        Faults faults = lab.faults();
        assertThat(faults.missingCapability(Faults.Capability.EXPIRE_OBJECT_STORE_CREDENTIALS))
                .hasValueSatisfying(why -> assertThat(why).contains("containers backend's Glue lake")
                        .contains("G2/G3").contains("emulator"));
        assertThat(faults.missingCapability(Faults.Capability.RESTART_CONNECT_WORKER)).isEmpty();
        assertThatThrownBy(faults::expireObjectStoreCredentials).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Glue lake");

        // G2's runbook step: the worker is recreated holding the fresh session, which is then a secret in use.
        AwsCredentials fresh = glue.account().issueSinkSession();
        faults.restartConnectWorker(faults.awsEnvironment(fresh));
        assertThat(dockerCalls).containsExactly("connect:create", "connect:stop(SIGTERM, grace 30 s)",
                "connect:remove", "connect:create");
        assertThat(containers.connect().getEnvMap()).containsEntry("AWS_SESSION_TOKEN",
                fresh.sessionToken().orElseThrow().reveal());
        // G3's sidecar: a session written to the shared credentials file is in use too.
        AwsCredentials third = glue.account().issueSinkSession();
        faults.writeSharedCredentialsFile(third);
        assertThat(lab.secretsInUse()).extracting(Secret::reveal).contains(fresh.secretAccessKey().reveal(),
                fresh.sessionToken().orElseThrow().reveal(), third.secretAccessKey().reveal(),
                third.sessionToken().orElseThrow().reveal());
    }

    @Test
    void theSession_isNotGivenToAWorkerThatAlreadyExists() {
        ConnectContainer created = new ConnectContainer(containers.network(), new ConnectPlugins(dir, dir.resolve("cdc-lab-partitioner.jar"))) {
            @Override
            public String getContainerId() {
                return "0123abcd";
            }
        };
        assertThatThrownBy(() -> MotoGlueLake.provision(URI.create("http://127.0.0.1:1"), ALIAS,
                AwsSettings.emulated("lake", "eu-west-1", false), created))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before it is created");
    }

    /** The four containers with faked Docker calls; Connect already created, as after a start. */
    private ContainersServices fakeServices() {
        ContainerService connect = new ContainerService("connect", new FakeDockerCalls("connect", dockerCalls), () -> true);
        connect.start();
        return new ContainersServices(new ContainerService("postgres", new FakeDockerCalls("postgres"), () -> true),
                new ContainerService("kafka", new FakeDockerCalls("kafka"), () -> true), connect,
                new ContainerService("aws", new FakeDockerCalls("aws"), () -> true, containers.s3().restartRefusal()),
                containers.connect()::withSecretEnvironment);
    }

    private static void assertNoKeys(Map<String, String> sinkConfig) {
        assertThat(sinkConfig.keySet()).as("the seed's model: the worker's AWS_* session, no keys in the sink config")
                .noneMatch(k -> k.contains("access-key") || k.contains("secret") || k.contains("session-token")
                        || k.contains("credentials-provider"));
    }

    private static String callerArn(URI endpoint, AwsCredentials session) {
        var provider = StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
                session.secretAccessKey().reveal(), session.sessionToken().orElseThrow().reveal()));
        try (StsClient sts = new AwsApis(Optional.of(endpoint), "eu-west-1", provider).sts()) {
            return sts.getCallerIdentity().arn();
        }
    }

    private static void listBuckets(URI endpoint) {
        var stranger = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTRANGER0000000", "nope"));
        try (S3Client s3 = new AwsApis(Optional.of(endpoint), "eu-west-1", stranger).s3()) {
            s3.listBuckets();
        }
    }
}
