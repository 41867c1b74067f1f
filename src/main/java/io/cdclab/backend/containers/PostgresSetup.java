package io.cdclab.backend.containers;

import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The same roles and databases as on the embedded backend: {@code cdc} (REPLICATION, owns the application
 * database) and {@code lake} (owns {@code lake_catalog}, the Iceberg JDBC catalog's database). Run over JDBC as
 * the image's superuser, so no password lands in an init script inside the container.
 */
final class PostgresSetup {
    static final String PIPELINE_ROLE = "cdc";
    static final String CATALOG_ROLE = "lake";
    static final String CATALOG_DATABASE = "lake_catalog";

    private PostgresSetup() {
    }

    static void createRolesAndDatabases(PostgreSQLContainer postgres, String sourceDatabase, LabSecrets secrets) {
        List<String> statements = List.of(
                createRole(PIPELINE_ROLE, secrets.pipelinePassword(), true),
                createRole(CATALOG_ROLE, secrets.catalogPassword(), false),
                "CREATE DATABASE " + sourceDatabase + " OWNER " + PIPELINE_ROLE,
                "CREATE DATABASE " + CATALOG_DATABASE + " OWNER " + CATALOG_ROLE);
        Properties props = new Properties();
        props.setProperty("user", PostgresContainers.SUPERUSER);
        props.setProperty("password", secrets.superuserPassword().reveal());
        try (Connection c = DriverManager.getConnection(jdbcUrl(postgres, "postgres"), props);
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            // The message is PostgreSQL's; the statements (with passwords) are not part of it.
            throw new LabException("PostgreSQL refused a set-up statement: " + e.getMessage(), e);
        }
    }

    static String createRole(String role, Secret password, boolean replication) {
        return "CREATE ROLE " + role + " LOGIN " + (replication ? "REPLICATION " : "") + "PASSWORD '"
                + password.reveal().replace("'", "''") + "'";
    }

    static String jdbcUrl(PostgreSQLContainer postgres, String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(PostgresContainers.PORT) + "/" + database;
    }
}
