package io.cdclab.backend.embedded;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.gluelake.EmulatedGlueLake;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.servers.Buckets;
import io.cdclab.servers.ConnectWorker;
import io.cdclab.servers.KafkaBroker;
import io.cdclab.servers.PostgresServer;
import io.cdclab.servers.S3ProxyServer;
import io.cdclab.servers.WorkerSettings;
import io.cdclab.topology.AbstractRunningTopology;
import io.cdclab.topology.Backend;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.topology.Topology;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the topology as real servers on 127.0.0.1, no Docker: PostgreSQL from native binaries, Kafka, Connect and
 * S3Proxy as child JVMs from the jars Maven resolved. All four start in parallel; the Connect worker's JVM loads
 * its plugins while the Kafka node starts, and joins once the broker answers.
 *
 * <p>Each run gets its own folder under {@code target/cdc-lab/runs/}: {@code logs/} stays after the run (it is
 * the evidence when something failed), data and configs are deleted unless {@code -Dlab.keep=true}.
 */
public final class EmbeddedBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackend.class);

    private final Ports.Requested ports;

    public EmbeddedBackend() {
        this(Ports.Requested.any());
    }

    /** With fixed ports, e.g. for {@code --keep-running} sessions that other tools connect to. */
    public EmbeddedBackend(Ports.Requested ports) {
        this.ports = ports;
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public RunningTopology start(Topology topology) {
        Timer total = Timer.start();
        RuntimeLayout layout = RuntimeLayout.locate(topology.labSettings());
        Path runDir = newRunDir(layout);
        if (topology.lake() == LakeKind.GLUE) {
            if (topology.connectWorkers() > 1) {
                throw new LabException("connectWorkers=" + topology.connectWorkers() + " runs on the JDBC lake only: "
                        + "the emulated Glue lake starts one Connect worker. Drop connectWorkers or lake = GLUE.");
            }
            // The seed's production lake on an emulated AWS account: the aws backend's code path with moto's endpoint
            return EmulatedGlueLake.start(topology, runDir);
        }
        LOG.info("embedded: starting {} in {}", topology, runDir);

        AwsCredentials s3Credentials = AwsCredentials.generate();
        Secret pipelinePassword = Secret.random(12);
        Secret catalogPassword = Secret.random(12);

        PostgresServer postgres = new PostgresServer(runDir, layout.home().resolve("target/cdc-lab/postgres-binaries"),
                layout.postgresBinaries(), Ports.freeOrRequested("PostgreSQL", ports.postgres()));
        KafkaBroker kafka = new KafkaBroker(layout, runDir, Ports.freeOrRequested("the Kafka broker", ports.kafka()),
                Ports.free(), topology.kafkaPartitions());
        S3ProxyServer s3 = new S3ProxyServer(layout, runDir, Ports.freeOrRequested("the S3 server", ports.s3()), s3Credentials);
        Map<String, String> workerEnv = new LinkedHashMap<>();
        workerEnv.put(EmbeddedTopology.POSTGRES_PASSWORD_VAR, pipelinePassword.reveal());
        workerEnv.put(EmbeddedTopology.CATALOG_PASSWORD_VAR, catalogPassword.reveal());
        workerEnv.putAll(EmbeddedTopology.awsEnvironment(s3Credentials, topology.region()));
        Map<String, String> workerSettings = WorkerSettings.of(topology);
        ConnectWorker connect = new ConnectWorker(layout, runDir, "connect",
                Ports.freeOrRequested("the Connect REST API", ports.connect()), kafka.bootstrapServers(), workerEnv,
                workerSettings);
        // Further workers of the same cluster: their own REST port, config folder and log, the same group.
        List<ConnectWorker> moreWorkers = new ArrayList<>();
        for (int n = 2; n <= topology.connectWorkers(); n++) {
            moreWorkers.add(new ConnectWorker(layout, runDir, "connect-" + n, Ports.free(), kafka.bootstrapServers(),
                    workerEnv, workerSettings));
        }

        Map<String, Duration> times = new ConcurrentHashMap<>();
        List<Service> started = new ArrayList<>();
        try {
            CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
                timed(times, postgres, postgres::start, started);
                postgres.executeAsSuperuser("postgres",
                        PostgresRoles.pipelineAndCatalog(topology.sourceDatabase(), pipelinePassword, catalogPassword));
            });
            CompletableFuture<Void> store = CompletableFuture.runAsync(() -> {
                timed(times, s3, s3::start, started);
                Buckets.create(s3.endpoint(), topology.region(), s3Credentials, topology.bucket());
            });
            CompletableFuture<Void> kafkaThenConnect = CompletableFuture.runAsync(() -> {
                if (topology.labSettings().overlapConnectStartup()) {
                    // The worker's JVM start and plugin loading overlap the broker's start; only its join waits.
                    timed(times, connect, () -> {
                        connect.launch();
                        launchAll(moreWorkers, started);
                        timed(times, kafka, kafka::start, started);
                        connect.awaitReady();
                        moreWorkers.forEach(ConnectWorker::awaitReady);
                    }, started);
                } else {
                    timed(times, kafka, kafka::start, started);
                    timed(times, connect, () -> {
                        connect.start();
                        launchAll(moreWorkers, started);
                        moreWorkers.forEach(ConnectWorker::awaitReady);
                    }, started);
                }
            });
            CompletableFuture.allOf(pg, store, kafkaThenConnect).join();
        } catch (CompletionException e) {
            stopAll(started);
            Throwable cause = e.getCause();
            if (cause instanceof LabException lab) {
                throw lab;
            }
            throw new LabException("The embedded topology failed to start: " + cause, cause);
        }
        times.put("total", total.elapsed());
        Map<String, Duration> ordered = new LinkedHashMap<>();
        for (String service : List.of("postgres", "kafka", "connect", "s3", "total")) {
            ordered.put(service, times.get(service));
        }
        LOG.info("embedded: topology ready in {} (postgres {} ms, kafka {} ms, connect {} ms, s3 {} ms)", total.seconds(),
                times.get("postgres").toMillis(), times.get("kafka").toMillis(), times.get("connect").toMillis(),
                times.get("s3").toMillis());
        // Two sink tasks must never migrate a fresh JDBC catalog at once (scenario F10).
        List<ConnectWorker> workers = new ArrayList<>(List.of(connect));
        workers.addAll(moreWorkers);
        return AbstractRunningTopology.withCatalogReady(new EmbeddedTopology(topology, runDir, postgres, kafka, workers, s3,
                pipelinePassword, catalogPassword, s3Credentials, ordered));
    }

    @Override
    public int maxConnectWorkers() {
        return 2;
    }

    /** Launches each worker's JVM without waiting, remembering it for the clean-up of a failed start. */
    private static void launchAll(List<ConnectWorker> workers, List<Service> started) {
        for (ConnectWorker worker : workers) {
            synchronized (started) {
                started.add(worker);
            }
            worker.launch();
        }
    }

    private static void timed(Map<String, Duration> times, Service service, Runnable start,
                              List<Service> started) {
        Timer timer = Timer.start();
        synchronized (started) {
            started.add(service);
        }
        start.run();
        times.put(service.name(), timer.elapsed());
    }

    private static void stopAll(List<Service> services) {
        synchronized (services) {
            for (int i = services.size() - 1; i >= 0; i--) {
                try {
                    services.get(i).stop();
                } catch (RuntimeException e) {
                    LOG.warn("embedded: stopping {} after a failed start: {}", services.get(i).name(), e.toString());
                }
            }
        }
    }

    private static Path newRunDir(RuntimeLayout layout) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = layout.home().resolve("target/cdc-lab/runs").resolve(stamp + "-" + Secret.random(3).reveal());
        try {
            Files.createDirectories(dir.resolve("logs"));
            return dir;
        } catch (IOException e) {
            throw new LabException("Cannot create the run folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
