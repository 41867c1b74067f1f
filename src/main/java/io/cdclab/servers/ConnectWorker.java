package io.cdclab.servers;

import io.cdclab.connect.ConnectClient;
import io.cdclab.errors.LabException;
import io.cdclab.process.JvmProcess;
import io.cdclab.process.ProcessExitedException;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect worker in distributed mode, in its own JVM, with Debezium and the Iceberg sink in separate
 * plugin folders on its {@code plugin.path}, as the seed's Connect container has them. Secrets reach it only
 * through its environment (read by the {@code env} config provider, and by the AWS SDK for S3 keys), so they
 * never enter the Connect config topic. {@link #restart(Map)} is the seed's runbook step "bounce the container
 * with updated credential variables".
 */
public final class ConnectWorker extends ChildJvmService {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorker.class);
    public static final String DEBEZIUM_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    public static final String ICEBERG_SINK_CONNECTOR = "org.apache.iceberg.connect.IcebergSinkConnector";

    private final int port;
    private final String bootstrapServers;
    private final Path secretsDir;
    private final Map<String, String> settings;
    private final Map<String, String> environment = new HashMap<>();

    public ConnectWorker(RuntimeLayout layout, Path runDir, int port, String bootstrapServers,
                         Map<String, String> environment) {
        this(layout, runDir, "connect", port, bootstrapServers, environment, WorkerSettings.defaults());
    }

    /**
     * One worker of the cluster: {@code name} ("connect", "connect-2", ...) names its config folder and its log
     * ({@code logs/<name>.log}); every worker of a run shares the group id, the internal topics, the plugin path
     * and the secrets folder (as workers on one host share a mounted secret). {@code settings} are the lab's worker
     * settings with the topology's profiles ({@link WorkerSettings#of}); this worker adds only where it runs.
     */
    public ConnectWorker(RuntimeLayout layout, Path runDir, String name, int port, String bootstrapServers,
                         Map<String, String> environment, Map<String, String> settings) {
        // A worker's own stop needs at most task.shutdown.graceful.timeout.ms (5 s, tasks in parallel) plus the
        // offset flush (5 s): one still up after 15 s is hung, as once in CI when Jetty's shutdown hook raced
        // Connect's (the log's last line "Unable to destroy ... STARTED"), and a longer wait only delays the kill.
        super(name, name, 15, layout, runDir);
        this.port = port;
        this.bootstrapServers = bootstrapServers;
        this.secretsDir = runDir.resolve("config/connect/secrets");
        this.settings = new LinkedHashMap<>(settings);
        this.environment.putAll(environment);
        // Where the AWS SDK's profile provider looks for keys, as a mounted secret or a credentials sidecar would
        // keep them; the SDK re-reads the file when it changes (scenario F2, refreshing provider).
        this.environment.put("AWS_SHARED_CREDENTIALS_FILE", sharedCredentialsFile().toAbsolutePath().toString());
    }

    /** How Connect's REST status names this worker ({@code workerId}: advertised host and port). */
    public String workerId() {
        return Ports.LOOPBACK + ":" + port;
    }

    public URI restUri() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port + "/");
    }

    public ConnectClient client() {
        return new ConnectClient(restUri());
    }

    /**
     * The worker's JVM, which {@link #launch()} may start before the broker is up: the JVM loads its plugins first
     * (seconds), then its admin client retries until the broker answers (up to its 60 s API timeout).
     */
    @Override
    protected JvmProcess.Builder prepare() {
        Ports.requireFree("the Kafka Connect REST API", port);
        secretsDir().toFile().mkdirs(); // the file provider's allowed.paths must exist
        Path workerProperties = ConfigFiles.writeProperties(configDir.resolve("worker.properties"), workerProperties());
        Path log4j = ConfigFiles.writeLog4j2(configDir.resolve("log4j2.properties"), Map.of(
                "org.apache.kafka", "WARN", "org.apache.kafka.connect.runtime.Connect", "INFO",
                // Every consumer group's joins and assignments: the sink's partitions moving between tasks and the
                // control topic's between coordinators are a loss's first evidence.
                "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", "INFO",
                "org.apache.kafka.connect.runtime.WorkerSourceTask", "INFO", "org.apache.kafka.connect.runtime.Worker", "INFO",
                "org.reflections", "ERROR", "io.debezium", "INFO", "org.apache.iceberg", "INFO",
                "org.apache.hadoop", "WARN", "org.eclipse.jetty", "WARN"));
        return jvm("org.apache.kafka.connect.cli.ConnectDistributed", layout.kafkaClasspath())
                // Both compilers: the worker converts every change event (JSON), so steady-state speed matters more
                // than the ~30 % start-up CPU that C1 only would save (STARTUP-TUNING.md); Kafka and S3Proxy use C1 only.
                .jvmArgs("-Xmx1g", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + log4j)
                .args(workerProperties.toString())
                .env(environment);
    }

    private Map<String, String> workerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("listeners", "http://" + Ports.LOOPBACK + ":" + port);
        p.put("rest.advertised.host.name", Ports.LOOPBACK);
        p.put("rest.advertised.port", Integer.toString(port));
        p.put("plugin.path", String.join(",",
                layout.pluginPathEntry(RuntimeLayout.DEBEZIUM_POSTGRES).toString(),
                layout.pluginPathEntry(RuntimeLayout.ICEBERG_SINK).toString(),
                // Avro pipelines' converter: plugins cannot be added to a running worker, so it is always there.
                layout.pluginPathEntry(RuntimeLayout.APICURIO_CONVERTER).toString()));
        // Both plugins declare their classes for ServiceLoader: no classpath scan (~3 s instead of ~9 s).
        p.put("plugin.discovery", "service_load");
        // The file config provider reads secrets from the run's secrets folder only.
        p.put("config.providers.file.param.allowed.paths", secretsDir().toAbsolutePath().toString());
        p.putAll(settings); // WorkerSettings: the lab's settings and the topology's profiles, as on every backend
        return p;
    }

    /** Ready when it answers on REST with both plugins loaded. */
    @Override
    protected void awaitReady(JvmProcess process, Timer timer) {
        ConnectClient client = client();
        try {
            Awaitility.await("Connect worker REST API with the Debezium and Iceberg plugins loaded")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsMatching(e -> !(e instanceof ProcessExitedException))
                    .until(() -> {
                        process.requireAlive("the Connect worker to start");
                        List<String> plugins = client.connectorPlugins();
                        return plugins.contains(DEBEZIUM_CONNECTOR) && plugins.contains(ICEBERG_SINK_CONNECTOR)
                                && client.connectors() != null;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("The Connect worker " + name() + " did not become ready with both plugins within 120 s (waited "
                    + timer.seconds() + "). Its log ends with:\n" + process.logTail(40), e);
        }
        LOG.info("{}: worker ready at {} in {}", name(), restUri(), timer.seconds());
    }

    /** Restarts the worker process, with {@code changedEnvironment} merged into its environment first. */
    public synchronized void restart(Map<String, String> changedEnvironment) {
        stop();
        environment.putAll(changedEnvironment);
        start();
    }

    /** The AWS shared credentials file the worker's SDK clients read (AWS_SHARED_CREDENTIALS_FILE). */
    public Path sharedCredentialsFile() {
        return secretsDir().resolve("aws-credentials");
    }

    /** The only folder the worker's {@code file} config provider may read. */
    public Path secretsDir() {
        return secretsDir;
    }

    public Path logFile() {
        return logFile;
    }
}
