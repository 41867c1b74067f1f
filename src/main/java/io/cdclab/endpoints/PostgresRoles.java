package io.cdclab.endpoints;

import java.util.List;

/**
 * The lab's roles and databases in a PostgreSQL it starts itself, the same on every backend: {@code cdc} (LOGIN
 * REPLICATION, owns the source database Debezium reads) and {@code lake} (owns {@code lake_catalog}, the Iceberg JDBC
 * catalog's database). The statements hold passwords: run them as the superuser, never log them.
 */
public final class PostgresRoles {
    public static final String PIPELINE_ROLE = "cdc";
    public static final String CATALOG_ROLE = "lake";
    public static final String CATALOG_DATABASE = "lake_catalog";

    private PostgresRoles() {
    }

    /** The pipeline's role and the source database it owns: all a lake whose catalog is not in PostgreSQL needs. */
    public static List<String> pipeline(String sourceDatabase, Secret pipelinePassword) {
        return List.of(createRole(PIPELINE_ROLE, pipelinePassword, true), createDatabase(sourceDatabase, PIPELINE_ROLE));
    }

    /** The pipeline's role and database, and the JDBC catalog's. */
    public static List<String> pipelineAndCatalog(String sourceDatabase, Secret pipelinePassword, Secret catalogPassword) {
        return List.of(createRole(PIPELINE_ROLE, pipelinePassword, true), createRole(CATALOG_ROLE, catalogPassword, false),
                createDatabase(sourceDatabase, PIPELINE_ROLE), createDatabase(CATALOG_DATABASE, CATALOG_ROLE));
    }

    /** A login role with a password; {@code replication} lets Debezium open a replication slot. */
    public static String createRole(String role, Secret password, boolean replication) {
        return "CREATE ROLE " + role + " LOGIN " + (replication ? "REPLICATION " : "") + "PASSWORD '"
                + password.reveal().replace("'", "''") + "'";
    }

    public static String createDatabase(String database, String owner) {
        return "CREATE DATABASE " + database + " OWNER " + owner;
    }
}
