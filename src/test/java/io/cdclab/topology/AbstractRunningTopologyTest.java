package io.cdclab.topology;

import io.cdclab.connect.ConnectClient;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the base class gives every backend: accessors, endpoints, secrets bookkeeping and closing once. */
class AbstractRunningTopologyTest {
    private final Topology topology = Topology.builder().region("eu-west-1").build();
    private final AwsCredentials keys = AwsCredentials.generate();

    @Test
    void endpoints_areTheSameFiveLinesOnEveryBackend_thenTheBackendsOwn_thenTheLogs() {
        OnePlace lab = new OnePlace(Map.of("Images", "postgres:16.10"), Optional.of(Path.of("/tmp/run/logs")));

        assertThat(lab.endpoints()).containsExactly(
                Map.entry("PostgreSQL JDBC URL", "jdbc:postgresql://127.0.0.1:5432/app (user cdc)"),
                Map.entry("Kafka bootstrap servers", "127.0.0.1:9092"),
                Map.entry("Kafka Connect REST", "http://127.0.0.1:8083/"),
                Map.entry("S3", "s3://lake/warehouse at http://127.0.0.1:9000 (path-style, region eu-west-1, access key "
                        + keys.accessKeyId() + ")"),
                Map.entry("Iceberg catalog", "lake: JdbcCatalog at jdbc:postgresql://127.0.0.1:5432/lake_catalog, "
                        + "warehouse s3://lake/warehouse"),
                Map.entry("Images", "postgres:16.10"),
                Map.entry("Logs", "/tmp/run/logs"));
        assertThat(lab.endpoints().toString()).doesNotContain(keys.secretAccessKey().reveal());
    }

    @Test
    void startupTimes_keepTheBackendsOrder_andCannotBeChanged() {
        Map<String, Duration> times = new LinkedHashMap<>();
        times.put("postgres", Duration.ofSeconds(3));
        times.put("kafka", Duration.ofSeconds(6));
        times.put("total", Duration.ofSeconds(9));
        OnePlace lab = new OnePlace(times);

        assertThat(lab.startupTimes().keySet()).containsExactly("postgres", "kafka", "total");
        assertThat(lab.backend()).isEqualTo("test");
        assertThat(lab.topology()).isSameAs(topology);
        assertThatThrownBy(() -> lab.startupTimes().put("s3", Duration.ZERO)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void secretsInUse_areListedOnlyOnceTheBackendRemembersSome() {
        OnePlace lab = new OnePlace(Map.of());
        assertThatThrownBy(lab::secretsInUse).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("test backend");

        lab.rememberSecrets(keys.secretAccessKey(), Secret.of("db-password"));
        assertThat(lab.secretsInUse()).extracting(Secret::reveal)
                .containsExactly(keys.secretAccessKey().reveal(), "db-password");
    }

    @Test
    void close_shutsDownOnce() {
        OnePlace lab = new OnePlace(Map.of());
        lab.close();
        lab.close();
        assertThat(lab.shutDowns).isEqualTo(1);
    }

    /** A topology whose parts are just addresses. */
    private final class OnePlace extends AbstractRunningTopology {
        private final Map<String, String> more;
        private final Optional<Path> logs;
        int shutDowns;

        OnePlace(Map<String, Duration> times) {
            super("test", topology, times);
            this.more = Map.of();
            this.logs = Optional.empty();
        }

        OnePlace(Map<String, String> more, Optional<Path> logs) {
            super("test", topology, Map.of());
            this.more = more;
            this.logs = logs;
        }

        @Override
        public SourceDatabase source() {
            return new SourceDatabase("127.0.0.1", 5432, "app", "cdc", Secret.of("db-password"));
        }

        @Override
        public String kafkaBootstrapServers() {
            return "127.0.0.1:9092";
        }

        @Override
        public ConnectClient connect() {
            return new ConnectClient(URI.create("http://127.0.0.1:8083/"));
        }

        @Override
        public ObjectStore objectStore() {
            return new ObjectStore(Optional.of(URI.create("http://127.0.0.1:9000")), "eu-west-1", "lake", "warehouse", keys);
        }

        @Override
        public CatalogSpec catalog() {
            return new CatalogSpec("lake", Map.of("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog",
                    "uri", "jdbc:postgresql://127.0.0.1:5432/lake_catalog", "warehouse", "s3://lake/warehouse"), Map.of());
        }

        @Override
        public Map<String, Service> services() {
            return Map.of();
        }

        @Override
        public List<String> workerSecretVariables() {
            return List.of();
        }

        @Override
        public Optional<Path> logDirectory() {
            return logs;
        }

        @Override
        protected Map<String, String> moreEndpoints() {
            return more;
        }

        @Override
        protected void shutDown() {
            shutDowns++;
        }
    }
}
