package io.cdclab.backend.containers;

import io.cdclab.endpoints.Secret;
import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

/**
 * PostgreSQL 16 from the official image, set up for logical decoding as Debezium's pgoutput plugin needs it. The
 * image's superuser (random password) only sets up the pipeline's roles; the pipeline logs in as those, with
 * scram-sha-256 over TCP (the image's pg_hba rule for every host, which logical replication connections match too).
 */
public final class PostgresContainers {
    public static final int PORT = 5432;
    static final String SUPERUSER = "postgres";

    private PostgresContainers() {
    }

    /** On {@code image}: the official one, or one that honours its contract (a built image). */
    public static PostgreSQLContainer create(Network network, Secret superuserPassword, DockerImageName image) {
        PostgreSQLContainer postgres = new PostgreSQLContainer(image)
                .withNetwork(network)
                .withNetworkAliases(NetworkAliases.POSTGRES)
                .withUsername(SUPERUSER)
                .withPassword(superuserPassword.reveal())
                .withDatabaseName("postgres")
                // The same server settings as the embedded backend's PostgreSQL.
                .withCommand("postgres",
                        "-c", "wal_level=logical",
                        "-c", "max_replication_slots=32",
                        "-c", "max_wal_senders=32",
                        "-c", "max_connections=200",
                        "-c", "fsync=off",
                        "-c", "synchronous_commit=on", // F11: the image's default, stated because zonky's is off
                        "-c", "password_encryption=scram-sha-256");
        // The module's own wait strategy (the "ready to accept connections" line twice: after initdb's temporary
        // server and after the real one), with room for a cold image pull on a CI runner.
        postgres.withStartupTimeout(Duration.ofMinutes(2));
        HostPorts.publish(postgres, PORT);
        return postgres;
    }
}
