package io.cdclab.backend.containers;

import io.cdclab.topology.Service;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The four containers as lab services, each with the readiness check it needs after a restart. {@link #s3()} is
 * the lake's store: the S3 server, or moto (service {@code aws}) for a Glue lake.
 *
 * @param connectEnvironment merges variables into the environment of the Connect container created next
 */
record ContainersServices(ContainerService postgres, ContainerService kafka, ContainerService connect,
                          ContainerService s3, Consumer<Map<String, String>> connectEnvironment) {
    private static final Logger LOG = LoggerFactory.getLogger(ContainersServices.class);

    static ContainersServices of(LabContainers c, LabSecrets secrets) {
        ContainerService postgres = new ContainerService("postgres", new TestcontainersDockerCalls(c.postgres()), () -> {
            Properties props = new Properties();
            props.setProperty("user", PostgresContainers.SUPERUSER);
            props.setProperty("password", secrets.superuserPassword().reveal());
            try (Connection conn = DriverManager.getConnection(PostgresSetup.jdbcUrl(c.postgres(), "postgres"), props)) {
                return conn.isValid(2);
            }
        });
        ContainerService kafka = new ContainerService("kafka", new TestcontainersDockerCalls(c.kafka()), () -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.kafka().getBootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
            }
        });
        ContainerService connect = new ContainerService("connect", new TestcontainersDockerCalls(c.connect()),
                () -> c.connect().client().connectors() != null);
        ContainerService s3 = new ContainerService(c.s3().service(), new TestcontainersDockerCalls(c.s3().container()), () -> {
            HttpURLConnection http = (HttpURLConnection) c.s3().healthUri().toURL().openConnection();
            try {
                return http.getResponseCode() == 200;
            } finally {
                http.disconnect();
            }
        }, c.s3().restartRefusal());
        return new ContainersServices(postgres, kafka, connect, s3, c.connect()::withSecretEnvironment);
    }

    Map<String, Service> asMap() {
        Map<String, Service> services = new LinkedHashMap<>();
        for (ContainerService s : List.of(postgres, kafka, connect, s3)) {
            services.put(s.name(), s);
        }
        return services;
    }

    /**
     * Replaces the Connect container with one whose environment has {@code changedEnvironment} merged in (Docker
     * cannot change a container's environment), on the same host port and alias; returns once it is ready. The old
     * worker gets SIGTERM and its grace period first, so it commits its offsets as a restarted worker would.
     */
    synchronized void recreateConnect(Map<String, String> changedEnvironment) {
        connect.remove();
        connectEnvironment.accept(changedEnvironment);
        connect.start();
    }

    /** Makes every later {@link ContainerService#start()} refuse (a failed topology start). */
    void abortStarts() {
        List.of(postgres, kafka, connect, s3).forEach(ContainerService::abort);
    }

    /** Removes every container, Connect first (it depends on the others). */
    void removeAll() {
        for (ContainerService s : List.of(connect, kafka, s3, postgres)) {
            try {
                s.remove();
            } catch (RuntimeException e) {
                LOG.warn("containers: removing {} failed: {}", s.name(), e.toString());
            }
        }
    }
}
