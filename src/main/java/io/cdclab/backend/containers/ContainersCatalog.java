package io.cdclab.backend.containers;

import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.topology.Topology;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Iceberg catalog of the containers backend: a JdbcCatalog in the PostgreSQL container and S3FileIO on the S3
 * container (S3Proxy or LocalStack), as on the embedded backend. Spark (in the lab's JVM) uses host ports; the sink
 * (in the Connect container) gets the network aliases through {@code connectWorkerOverrides}.
 */
final class ContainersCatalog {
    static final String WAREHOUSE_PREFIX = "warehouse";

    private ContainersCatalog() {
    }

    static CatalogSpec spec(Topology topology, String hostJdbcUrl, URI hostS3Endpoint, URI networkS3Endpoint,
                            Secret catalogPassword) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        props.put("uri", hostJdbcUrl);
        props.put("jdbc.user", PostgresRoles.CATALOG_ROLE);
        props.put("jdbc.schema-version", "V1");
        props.put("warehouse", "s3://" + topology.bucket() + "/" + WAREHOUSE_PREFIX);
        props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        props.put("s3.endpoint", hostS3Endpoint.toString());
        props.put("s3.path-style-access", "true");
        props.put("client.region", topology.region());
        Map<String, String> forWorker = new LinkedHashMap<>();
        forWorker.put("uri", "jdbc:postgresql://" + NetworkAliases.POSTGRES + ":" + PostgresContainers.PORT + "/"
                + PostgresRoles.CATALOG_DATABASE);
        forWorker.put("s3.endpoint", networkS3Endpoint.toString());
        return new CatalogSpec(topology.catalogName(), props,
                Map.of("jdbc.password", new CatalogSpec.SecretProperty(LabSecrets.CATALOG_PASSWORD_VAR, catalogPassword)),
                forWorker);
    }

    /** The JDBC lake of a started topology: this catalog, files below {@link #WAREHOUSE_PREFIX}, the pipeline's keys. */
    static ContainersTopology.LakeParts jdbcLake(Topology topology, LabContainers containers, LabSecrets secrets) {
        URI s3 = containers.s3().hostEndpoint();
        CatalogSpec catalog = spec(topology, PostgresSetup.jdbcUrl(containers.postgres(), PostgresRoles.CATALOG_DATABASE),
                s3, containers.s3().networkEndpoint(), secrets.catalogPassword());
        return new ContainersTopology.LakeParts(catalog, s3, WAREHOUSE_PREFIX, secrets.s3Credentials(), Optional.empty());
    }

    /** The application database as Debezium, inside the Connect container, reaches it. */
    static SourceDatabase sourceForConnect(Topology topology, Secret pipelinePassword) {
        return new SourceDatabase(NetworkAliases.POSTGRES, PostgresContainers.PORT, topology.sourceDatabase(),
                PostgresRoles.PIPELINE_ROLE, pipelinePassword);
    }
}
