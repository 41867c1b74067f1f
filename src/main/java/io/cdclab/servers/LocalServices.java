package io.cdclab.servers;

import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.topology.Service;
import io.cdclab.topology.ServiceStops;
import io.cdclab.topology.StartupTimes;
import io.cdclab.util.Ports;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The parts of the pipeline that stay on this machine when the lake is on AWS: the embedded backend's PostgreSQL,
 * Kafka broker and Connect worker (the worker's environment carries the AWS credentials the sink writes with).
 */
public final class LocalServices {
    public static final String POSTGRES_PASSWORD_VAR = "CDC_LAB_POSTGRES_PASSWORD";

    public final PostgresServer postgres;
    public final KafkaBroker kafka;
    public final ConnectWorker connect;

    private LocalServices(PostgresServer postgres, KafkaBroker kafka, ConnectWorker connect) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.connect = connect;
    }

    public static LocalServices start(RuntimeLayout layout, Path runDir, int partitions, String sourceDatabase,
                               Secret pipelinePassword, Map<String, String> awsEnvironment, StartupTimes times) {
        PostgresServer postgres = new PostgresServer(runDir, layout.home().resolve("target/cdc-lab/postgres-binaries"),
                layout.postgresBinaries(), Ports.free());
        KafkaBroker kafka = new KafkaBroker(layout, runDir, Ports.free(), Ports.free(), partitions);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(POSTGRES_PASSWORD_VAR, pipelinePassword.reveal());
        env.putAll(awsEnvironment);
        ConnectWorker connect = new ConnectWorker(layout, runDir, Ports.free(), kafka.bootstrapServers(), env);
        LocalServices services = new LocalServices(postgres, kafka, connect);
        try {
            CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
                times.start(postgres);
                postgres.executeAsSuperuser("postgres", PostgresRoles.pipeline(sourceDatabase, pipelinePassword));
            });
            CompletableFuture<Void> kafkaThenConnect = CompletableFuture.runAsync(() -> {
                times.start(kafka);
                times.start(connect);
            });
            CompletableFuture.allOf(pg, kafkaThenConnect).join();
        } catch (CompletionException e) {
            services.stop();
            if (e.getCause() instanceof LabException lab) {
                throw lab;
            }
            throw new LabException("The aws backend's local services failed to start: " + e.getCause(), e.getCause());
        }
        return services;
    }

    public Map<String, Service> asMap() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(postgres.name(), postgres);
        services.put(kafka.name(), kafka);
        services.put(connect.name(), connect);
        return services;
    }

    public void stop() {
        ServiceStops.inOrder("aws", List.of(connect, kafka, postgres));
    }
}
