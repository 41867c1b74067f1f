package io.cdclab.backend.containers;

import io.cdclab.backend.embedded.RuntimeLayout;
import io.cdclab.topology.Backend;
import io.cdclab.topology.LabException;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Secret;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the topology in Docker containers through Testcontainers: PostgreSQL, Kafka (KRaft), LocalStack S3 and a
 * Debezium Connect worker with the Iceberg sink, on one network. PostgreSQL, S3 and Kafka start in parallel,
 * Connect once Kafka is up. Container output goes to {@code target/cdc-lab/runs/<run>/logs/}.
 */
public final class ContainersBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(ContainersBackend.class);

    @Override
    public String name() {
        return "containers";
    }

    @Override
    public RunningTopology start(Topology topology) {
        if (!DockerEngine.isAvailable()) {
            throw new LabException("The containers backend needs a Docker engine, and " + DockerEngine.UNAVAILABLE_REASON
                    + ". Start one, or choose -Dlab.backend=embedded.");
        }
        Timer total = Timer.start();
        RuntimeLayout layout = RuntimeLayout.locate();
        Path plugin = layout.pluginPathEntry(RuntimeLayout.ICEBERG_SINK).resolve(RuntimeLayout.ICEBERG_SINK);
        Path logs = layout.home().resolve("target/cdc-lab/runs")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-containers-"
                        + Secret.random(3).reveal()).resolve("logs");
        LabSecrets secrets = LabSecrets.generate();
        LabContainers containers = LabContainers.define(topology, plugin, secrets);
        containers.byService().forEach((name, c) -> c.withLogConsumer(new ContainerLogFile(logs.resolve(name + ".log"))));
        ContainersServices services = new ContainersServices(containers, secrets);
        LOG.info("containers: starting {} with images {}", topology, ContainerImages.byService());

        Map<String, Duration> times = new ConcurrentHashMap<>();
        List<ContainerService> started = new ArrayList<>();
        try {
            CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
                timed(times, services.postgres(), started);
                PostgresSetup.createRolesAndDatabases(containers.postgres(), topology.sourceDatabase(), secrets);
            });
            CompletableFuture<Void> store = CompletableFuture.runAsync(() -> {
                timed(times, services.s3(), started);
                S3Bucket.create(containers.s3().hostEndpoint(), topology.region(), secrets.s3Credentials(), topology.bucket());
            });
            CompletableFuture<Void> kafkaThenConnect = CompletableFuture.runAsync(() -> {
                timed(times, services.kafka(), started);
                timed(times, services.connect(), started);
            });
            CompletableFuture.allOf(pg, store, kafkaThenConnect).join();
        } catch (CompletionException e) {
            services.removeAll();
            containers.network().close();
            Throwable cause = e.getCause();
            if (cause instanceof LabException lab) {
                throw lab;
            }
            throw new LabException("The containers topology failed to start: " + cause + ". Container output is in "
                    + logs, cause);
        }
        times.put("total", total.elapsed());
        LOG.info("containers: topology ready in {} ({})", total.seconds(), times);
        return new ContainersTopology(topology, containers, services, secrets, times, logs);
    }

    private static void timed(Map<String, Duration> times, ContainerService service, List<ContainerService> started) {
        Timer timer = Timer.start();
        synchronized (started) {
            started.add(service);
        }
        service.start();
        times.put(service.name(), timer.elapsed());
    }
}
