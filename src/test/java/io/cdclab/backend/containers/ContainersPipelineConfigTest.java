package io.cdclab.backend.containers;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorConfig;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.topology.Topology;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector configs the containers backend registers, rendered from the unchanged fixtures: Debezium with
 * pgoutput reaching PostgreSQL by alias, the sink reaching the catalog and S3 by alias, while the lab's JVM (Spark)
 * keeps the host addresses.
 */
class ContainersPipelineConfigTest {
    private final Topology topology = Topology.builder().build();
    private final Secret pipelinePassword = Secret.random(12);
    private final Secret catalogPassword = Secret.random(12);
    private final CatalogSpec catalog = ContainersCatalog.spec(topology, "jdbc:postgresql://localhost:49153/lake_catalog",
            URI.create("http://localhost:49154"), URI.create("http://s3proxy:8080"), catalogPassword);

    @Test
    void debezium_usesPgoutputAndTheNetworkAlias() {
        ConnectorConfig source = Pipeline.builder(new RenderOnly(), "k1").tables("public.k1_customers").sourceConfig();

        assertThat(source.get("plugin.name")).isEqualTo("pgoutput");
        assertThat(source.get("database.hostname")).isEqualTo("postgres");
        assertThat(source.get("database.port")).isEqualTo("5432");
        assertThat(source.get("database.user")).isEqualTo("cdc");
        assertThat(source.get("database.password")).isEqualTo("${env:CDC_LAB_POSTGRES_PASSWORD}");
        assertThat(source.toString()).doesNotContain(pipelinePassword.reveal());
    }

    @Test
    void sink_reachesTheCatalogAndS3ByAlias_sparkByHostPort() {
        ConnectorConfig sink = Pipeline.builder(new RenderOnly(), "k1").tables("public.k1_customers").sinkConfig();

        assertThat(sink.get("iceberg.catalog.uri")).isEqualTo("jdbc:postgresql://postgres:5432/lake_catalog");
        assertThat(sink.get("iceberg.catalog.s3.endpoint")).isEqualTo("http://s3proxy:8080");
        assertThat(sink.get("iceberg.catalog.jdbc.password")).isEqualTo("${env:CDC_LAB_CATALOG_PASSWORD}");
        assertThat(sink.get("iceberg.catalog.catalog-impl")).isEqualTo("org.apache.iceberg.jdbc.JdbcCatalog");
        assertThat(sink.toString()).doesNotContain(catalogPassword.reveal());

        Map<String, String> spark = catalog.sparkProperties();
        assertThat(spark).containsEntry("spark.sql.catalog.lake.uri", "jdbc:postgresql://localhost:49153/lake_catalog")
                .containsEntry("spark.sql.catalog.lake.s3.endpoint", "http://localhost:49154")
                .containsEntry("spark.sql.catalog.lake.warehouse", "s3://lake/warehouse");
    }

    /** Just enough of a running topology to render connector configs. */
    private final class RenderOnly implements RunningTopology {
        public String backend() {
            return "containers";
        }

        public Topology topology() {
            return topology;
        }

        public SourceDatabase source() {
            return new SourceDatabase("localhost", 49155, "app", "cdc", pipelinePassword);
        }

        public SourceDatabase sourceForConnect() {
            return ContainersCatalog.sourceForConnect(topology, pipelinePassword);
        }

        public String kafkaBootstrapServers() {
            throw new UnsupportedOperationException();
        }

        public ConnectClient connect() {
            throw new UnsupportedOperationException();
        }

        public ObjectStore objectStore() {
            throw new UnsupportedOperationException();
        }

        public CatalogSpec catalog() {
            return catalog;
        }

        public Lake lake() {
            throw new UnsupportedOperationException();
        }

        public Map<String, Service> services() {
            return Map.of();
        }

        public Map<String, Duration> startupTimes() {
            return Map.of();
        }

        public Map<String, String> endpoints() {
            return Map.of();
        }

        public List<String> workerSecretVariables() {
            return LabSecrets.workerSecretVariables(LakeKind.JDBC);
        }

        public void close() {
        }
    }
}
