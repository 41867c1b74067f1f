package io.cdclab.servers;

import io.cdclab.errors.LabException;
import io.cdclab.process.JvmProcess;
import io.cdclab.process.ProcessExitedException;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Apache Kafka node in KRaft mode (broker and controller in one JVM), as the seed's compose file runs it.
 * A child JVM, so that a fault scenario can {@code kill -9} it and start it again on the same log directory.
 */
public final class KafkaBroker extends ChildJvmService {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final int port;
    private final int controllerPort;
    private final int defaultPartitions;
    private final Path logDirs;
    private final Path storageTemplate;
    private boolean formatted;

    public KafkaBroker(RuntimeLayout layout, Path runDir, int port, int controllerPort, int defaultPartitions) {
        super("kafka", "kafka", 30, layout, runDir);
        this.storageTemplate = layout.home().resolve("target/cdc-lab/kafka-storage-template");
        this.port = port;
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
        this.logDirs = runDir.resolve("data/kafka");
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    @Override
    protected JvmProcess.Builder prepare() {
        Ports.requireFree("the Kafka broker", port);
        Ports.requireFree("the Kafka controller", controllerPort);
        Path serverProperties = ConfigFiles.writeProperties(configDir.resolve("server.properties"), serverProperties());
        Path log4j = ConfigFiles.writeLog4j2(configDir.resolve("log4j2.properties"), Map.of(
                "kafka", "WARN", "org.apache.kafka", "WARN", "state.change.logger", "WARN",
                "kafka.server.KafkaRaftServer", "INFO", "kafka.server.BrokerServer", "INFO"));
        if (!formatted) {
            prepareStorage(serverProperties, log4j);
            formatted = true;
        }
        return jvm("kafka.Kafka", layout.kafkaClasspath())
                // C1 only: C2 compiling the broker's start-up code costs ~2 of the 2 cores' seconds (STARTUP-TUNING.md).
                .jvmArgs("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j)
                .args(serverProperties.toString());
    }

    private Map<String, String> serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirs.toString());
        p.putAll(BrokerSettings.of(defaultPartitions)); // the lab's broker settings, as on every backend
        return p;
    }

    /**
     * A KRaft log directory must be formatted before the first start. Formatting is a JVM of its own (seconds on
     * a busy 2-core machine), and its result (meta.properties, the bootstrap checkpoint) depends only on the node
     * id and the Kafka version: the first run formats a template, later runs copy it.
     */
    private void prepareStorage(Path serverProperties, Path log4j) {
        synchronized (KafkaBroker.class) {
            if (!Files.exists(storageTemplate.resolve("meta.properties"))) {
                format(serverProperties, log4j);
                copyTree(logDirs, storageTemplate);
                return;
            }
        }
        copyTree(storageTemplate, logDirs);
        LOG.debug("kafka: storage copied from the formatted template {}", storageTemplate);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new LabException("Cannot copy Kafka storage from " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private void format(Path serverProperties, Path log4j) {
        Timer timer = Timer.start();
        String clusterId = Uuid.randomUuid().toString();
        JvmProcess formatter = JvmProcess.builder("kafka-storage-format")
                .mainClass("kafka.tools.StorageTool")
                .classpath(layout.kafkaClasspath())
                .jvmArgs("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j)
                .args("format", "--cluster-id", clusterId, "--config", serverProperties.toString(), "--ignore-formatted")
                .labSettings(layout.labSettings())
                .logFile(logFile)
                .workDir(configDir)
                .build();
        formatter.start();
        try {
            Awaitility.await("Kafka storage format").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !formatter.isAlive());
        } catch (ConditionTimeoutException e) {
            formatter.kill();
            throw new LabException("Formatting Kafka's log directory did not finish within 60 s. Log:\n" + formatter.logTail(20), e);
        }
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            throw new LabException("Formatting Kafka's log directory " + logDirs + " failed. Log:\n" + formatter.logTail(20));
        }
        LOG.debug("kafka: storage formatted in {}", timer.seconds());
    }

    @Override
    protected void awaitReady(JvmProcess launched, Timer timer) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                // retry fast while the broker comes up (the default backoff grows to 1 s)
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            Awaitility.await("Kafka broker at " + bootstrapServers() + " to answer describeCluster")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsMatching(e -> !(e instanceof ProcessExitedException))
                    .until(() -> {
                        launched.requireAlive("the Kafka broker to start");
                        return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("The Kafka broker did not become ready within 90 s (waited " + timer.seconds()
                    + "). Its log ends with:\n" + launched.logTail(30), e);
        }
        LOG.info("kafka: KRaft broker ready at {} in {}", bootstrapServers(), timer.seconds());
    }

}
