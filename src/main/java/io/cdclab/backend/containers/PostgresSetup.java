package io.cdclab.backend.containers;

import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.errors.LabException;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The same roles and databases as on the embedded backend ({@link PostgresRoles}). Run over JDBC as
 * the image's superuser, so no password lands in an init script inside the container.
 */
final class PostgresSetup {
    private PostgresSetup() {
    }

    static void createRolesAndDatabases(PostgreSQLContainer postgres, String sourceDatabase, LabSecrets secrets) {
        List<String> statements = PostgresRoles.pipelineAndCatalog(sourceDatabase, secrets.pipelinePassword(),
                secrets.catalogPassword());
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

    static String jdbcUrl(PostgreSQLContainer postgres, String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(PostgresContainers.PORT) + "/" + database;
    }
}
