package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.ContainerImages;
import io.cdclab.connect.ConnectClient;
import io.cdclab.servers.ConnectWorker;
import io.cdclab.servers.WorkerSettings;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Kafka Connect worker from Debezium's image, with the Apache Iceberg sink added to its plugin folder. A plain
 * container rather than Debezium's Testcontainers module, which from 3.4 on only works with a Strimzi Kafka.
 *
 * <p>Worker settings go in {@code CONNECT_*} variables, which the image's entrypoint turns into worker properties
 * (and prints). Secrets go in variables of their own, which it neither converts nor prints; connector configs
 * refer to them as {@code ${env:VAR}} through the worker's {@code env} config provider.
 */
public class ConnectContainer extends GenericContainer<ConnectContainer> {
    public static final int REST_PORT = 8083;
    /** Where Debezium's image loads plugins from (its KAFKA_CONNECT_PLUGINS_DIR). */
    public static final String PLUGIN_DIR = "/kafka/connect";
    public static final String ICEBERG_SINK_DIR = PLUGIN_DIR + "/iceberg-sink";
    /** The image's Debezium PostgreSQL plugin folder, where the lab's partitioner must sit too. */
    public static final String DEBEZIUM_POSTGRES_DIR = PLUGIN_DIR + "/debezium-connector-postgres";
    public static final String PARTITIONER_JAR = DEBEZIUM_POSTGRES_DIR + "/cdc-lab-partitioner.jar";
    /** Where secret files for the {@code file} config provider go. */
    public static final String SECRETS_DIR = "/kafka/lab-secrets";
    /** The AWS SDK's shared credentials file (AWS_SHARED_CREDENTIALS_FILE), in the secrets folder. */
    public static final String SHARED_CREDENTIALS_FILE_NAME = "aws-credentials";

    /** Secret files by path, copied into every container this definition creates (a recreated worker too). */
    private final Map<String, byte[]> secretFiles = new LinkedHashMap<>();

    public ConnectContainer(Network network, ConnectPlugins plugins) {
        this(network, plugins, ContainerImages.CONNECT);
    }

    /** On {@code image}: Debezium's, or one that honours its contract (a built image). */
    public ConnectContainer(Network network, ConnectPlugins plugins, DockerImageName image) {
        super(image);
        withNetwork(network);
        withNetworkAliases(NetworkAliases.CONNECT);
        withExposedPorts(REST_PORT);
        // Copies, not bind mounts: they work with a remote Docker engine too.
        withCopyFileToContainer(MountableFile.forHostPath(plugins.icebergSinkFolder()), ICEBERG_SINK_DIR);
        // Without it, a connector setting producer.override.partitioner.class (scenario P1) fails validation.
        withCopyFileToContainer(MountableFile.forHostPath(plugins.partitionerJar(), 0644), PARTITIONER_JAR);

        withEnv("BOOTSTRAP_SERVERS", NetworkAliases.kafkaBootstrapServers());
        // The SDK's profile provider reads keys here and reloads them when the file changes (scenario F2r).
        withEnv("AWS_SHARED_CREDENTIALS_FILE", SECRETS_DIR + "/" + SHARED_CREDENTIALS_FILE_NAME);
        withEnv("HEAP_OPTS", "-Xms256m -Xmx1g");
        // Not config.providers.file.param.allowed.paths (as the embedded worker has): the worker refuses to start
        // while the folder does not exist, and it exists only once a secret file was put (Debezium's image lacks it).
        withWorkerSettings(WorkerSettings.defaults());

        // Ready when the REST API lists both connector classes, i.e. both plugin folders were loaded.
        waitingFor(Wait.forHttp("/connector-plugins")
                .forPort(REST_PORT)
                .forStatusCode(200)
                .forResponsePredicate(body -> body.contains(ConnectWorker.DEBEZIUM_CONNECTOR)
                        && body.contains(ConnectWorker.ICEBERG_SINK_CONNECTOR))
                .withStartupTimeout(Duration.ofMinutes(3)));
        HostPorts.publish(this, REST_PORT);
    }

    /**
     * Worker properties ({@link WorkerSettings}, a profile's) as the image's variables: those the image names itself
     * ({@code group.id} is {@code GROUP_ID}; its entrypoint would overwrite a {@code CONNECT_GROUP_ID}), the rest as
     * {@code CONNECT_*}: {@code exactly.once.source.support} becomes {@code CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT}.
     */
    public ConnectContainer withWorkerSettings(Map<String, String> settings) {
        settings.forEach((key, value) -> withEnv(workerVariable(key), value));
        return this;
    }

    /** The variables of Debezium's image that stand for a worker property (and that its entrypoint always sets). */
    private static final Map<String, String> IMAGE_VARIABLES = Map.of(
            "bootstrap.servers", "BOOTSTRAP_SERVERS", "group.id", "GROUP_ID",
            "config.storage.topic", "CONFIG_STORAGE_TOPIC", "offset.storage.topic", "OFFSET_STORAGE_TOPIC",
            "status.storage.topic", "STATUS_STORAGE_TOPIC", "key.converter", "KEY_CONVERTER",
            "value.converter", "VALUE_CONVERTER", "offset.flush.interval.ms", "OFFSET_FLUSH_INTERVAL_MS",
            "offset.flush.timeout.ms", "OFFSET_FLUSH_TIMEOUT_MS", "task.shutdown.graceful.timeout.ms", "SHUTDOWN_TIMEOUT");

    static String workerVariable(String property) {
        String named = IMAGE_VARIABLES.get(property);
        return named != null ? named
                : "CONNECT_" + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public ConnectContainer withSecretEnvironment(Map<String, String> secrets) {
        secrets.forEach((name, value) -> {
            if (name.startsWith("CONNECT_")) {
                // The image's entrypoint would write it into the worker properties and print it.
                throw new IllegalArgumentException("A secret variable must not start with CONNECT_: " + name);
            }
            withEnv(name, value);
        });
        return self();
    }

    /**
     * Puts a secret file at {@code name} in {@link #SECRETS_DIR}: into the existing container now, running or
     * stopped (a stopped one would otherwise start again with the old file), and into any container this
     * definition creates later. Returns its path inside the container.
     */
    public synchronized String putSecretFile(String name, byte[] content) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Secret file name '" + name + "' must be letters, digits, '.', '_' or '-'.");
        }
        String path = SECRETS_DIR + "/" + name;
        secretFiles.put(path, content.clone());
        if (getContainerId() != null) { // Docker copies into stopped containers too
            copyFileToContainer(secretFile(content), path);
        }
        return path;
    }

    /** The paths of the secret files, never their content. */
    public synchronized List<String> secretFilePaths() {
        return List.copyOf(secretFiles.keySet());
    }

    @Override
    protected synchronized void containerIsCreated(String containerId) {
        super.containerIsCreated(containerId);
        secretFiles.forEach((path, content) -> copyFileToContainer(secretFile(content), path));
    }

    /**
     * Readable by all: the copy is owned by root and the image runs the worker as user kafka. The container holds
     * nothing but the worker, which already has these values in its environment or config.
     */
    private static Transferable secretFile(byte[] content) {
        return Transferable.of(content, 0644);
    }

    public URI restUri() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(REST_PORT) + "/");
    }

    public ConnectClient client() {
        return new ConnectClient(restUri());
    }
}
