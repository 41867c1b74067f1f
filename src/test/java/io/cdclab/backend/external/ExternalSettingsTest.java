package io.cdclab.backend.external;

import io.cdclab.errors.LabException;
import io.cdclab.util.PropertiesResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalSettingsTest {
    private static final String DB_PASSWORD = "db-pa55-word";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String CATALOG_PASSWORD = "cat-pa55";

    @Test
    void nothingGiven_namesEveryMissingSetting() {
        assertThatThrownBy(() -> ExternalSettings.from(Map.of(), Map.of(), "lake"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("missing 11 setting(s)")
                .hasMessageContaining("-Dlab.external.kafka.bootstrap-servers")
                .hasMessageContaining("-Dlab.external.connect.url")
                .hasMessageContaining("-Dlab.external.postgres.jdbc-url")
                .hasMessageContaining("-Dlab.external.postgres.user")
                .hasMessageContaining("-Dlab.external.postgres.password (or env CDC_LAB_POSTGRES_PASSWORD)")
                .hasMessageContaining("-Dlab.external.catalog.catalog-impl")
                .hasMessageContaining("-Dlab.external.catalog.warehouse")
                .hasMessageContaining("-Dlab.external.s3.bucket")
                .hasMessageContaining("-Dlab.external.s3.region (or env AWS_REGION)")
                .hasMessageContaining("-Dlab.external.s3.access-key-id (or env AWS_ACCESS_KEY_ID)")
                .hasMessageContaining("-Dlab.external.s3.secret-access-key (or env AWS_SECRET_ACCESS_KEY)");
    }

    @Test
    void oneMissing_isTheOnlyOneNamed() {
        Map<String, String> props = complete();
        props.remove("lab.external.connect.url");

        assertThatThrownBy(() -> ExternalSettings.from(props, env(), "lake"))
                .hasMessageContaining("missing 1 setting(s)")
                .hasMessageContaining("-Dlab.external.connect.url")
                .hasMessageNotContaining("bootstrap-servers");
    }

    @Test
    void aCompleteDescription_isReadWithSecretsFromTheEnvironment() {
        ExternalSettings settings = ExternalSettings.from(complete(), env(), "lake");

        assertThat(settings.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(settings.connectUrl()).hasToString("http://connect.internal:8083");
        assertThat(settings.source().host()).isEqualTo("db.internal");
        assertThat(settings.source().port()).isEqualTo(6432);
        assertThat(settings.source().database()).isEqualTo("app");
        assertThat(settings.source().password().reveal()).isEqualTo(DB_PASSWORD);
        assertThat(settings.sourceForConnect().host()).isEqualTo("postgres.svc");
        assertThat(settings.sourceForConnect().port()).isEqualTo(5432);
        assertThat(settings.catalog().properties()).containsEntry("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
                .doesNotContainKey("jdbc.password");
        assertThat(settings.catalog().sinkConnectorProperties())
                .containsEntry("iceberg.catalog.jdbc.password", "${env:CDC_LAB_CATALOG_PASSWORD}");
        assertThat(settings.objectStore().warehouse()).isEqualTo("s3://team-lake/warehouse");
        assertThat(settings.objectStore().endpoint()).isEmpty();
        assertThat(settings.objectStore().credentials().secretAccessKey().reveal()).isEqualTo(AWS_SECRET);
        assertThat(settings.toString()).doesNotContain(DB_PASSWORD, AWS_SECRET, CATALOG_PASSWORD);
    }

    @Test
    void aWrongJdbcUrl_isNamed() {
        Map<String, String> props = complete();
        props.put("lab.external.postgres.jdbc-url", "postgres://db/app");

        assertThatThrownBy(() -> ExternalSettings.from(props, env(), "lake"))
                .hasMessageContaining("is not a PostgreSQL JDBC URL");
    }

    @Test
    void externalServices_cannotBeStoppedOrKilled() {
        ExternalService kafka = new ExternalService("kafka", "broker-1:9092");
        kafka.start();
        kafka.close();
        assertThat(kafka.isRunning()).isTrue();
        assertThatThrownBy(kafka::kill).hasMessageContaining("cannot kill kafka at broker-1:9092");
        assertThatThrownBy(kafka::stop).hasMessageContaining("does not own it");
    }

    /** Every {@code -Dlab.external.*} setting but the secrets, from {@code external-backend/complete.properties}. */
    static Map<String, String> complete() {
        return PropertiesResource.read(ExternalSettingsTest.class, "/external-backend/complete.properties");
    }

    static Map<String, String> env() {
        return Map.of("CDC_LAB_POSTGRES_PASSWORD", DB_PASSWORD, "CDC_LAB_CATALOG_PASSWORD", CATALOG_PASSWORD,
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", AWS_SECRET);
    }
}
