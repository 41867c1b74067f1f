package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;
import io.cdclab.connect.ConnectorFixture;
import io.cdclab.connect.Converter;
import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The converter switch's settings and the schemaless move of ExtractNewRecordState, without servers. */
class ConverterSettingsTest {

    @Test
    void eachConverterSetsKeysAndValuesAlike() {
        assertThat(Converter.JSON_SCHEMALESS.connectorSettings(null))
                .containsEntry("key.converter.schemas.enable", "false")
                .containsEntry("value.converter.schemas.enable", "false");
        Map<String, String> avro = Converter.AVRO.connectorSettings("http://127.0.0.1:1/apis/registry/v2");
        assertThat(avro).containsEntry("key.converter", "io.apicurio.registry.utils.converter.AvroConverter")
                .containsEntry("value.converter.apicurio.registry.url", "http://127.0.0.1:1/apis/registry/v2");
        assertThatThrownBy(() -> Converter.AVRO.connectorSettings(null)).isInstanceOf(LabException.class);
        assertThat(Converter.of("JSON-SCHEMALESS")).isEqualTo(Converter.JSON_SCHEMALESS);
        assertThatThrownBy(() -> Converter.of("protobuf")).hasMessageContaining("json-schemaless");
    }

    @Test
    void underSchemalessJson_theChangelogSinksEnvelopeStepMovesToTheSource() {
        Map<String, String> values = new HashMap<>();
        for (String p : ConnectorFixture.builtIn("iceberg-sink-changelog").placeholders()) {
            values.put(p, "x");
        }
        ConnectorConfig sink = ConnectorFixture.builtIn("iceberg-sink-changelog").render(values);
        ConnectorConfig source = new ConnectorConfig("s", Map.of("connector.class", "io.debezium.connector.postgresql.PostgresConnector"));

        ConnectorConfig movedSource = SchemalessSteps.withEnvelopeStep(source, sink);
        ConnectorConfig rest = SchemalessSteps.withoutEnvelopeStep(sink);

        assertThat(movedSource.get("transforms")).isEqualTo("changelog");
        assertThat(movedSource.get("transforms.changelog.type")).isEqualTo(SchemalessSteps.EXTRACT);
        assertThat(movedSource.get("transforms.changelog.add.fields")).isEqualTo("op,lsn,source.ts_ms,table");
        assertThat(rest.get("transforms")).isEqualTo("kafka,route,target");
        assertThat(rest.config().keySet()).noneMatch(k -> k.startsWith("transforms.changelog."));
        // the Iceberg DebeziumTransform of the default sink reads maps itself: nothing moves
        assertThat(SchemalessSteps.envelopeStep(ConnectorFixture.builtIn("iceberg-sink").render(values))).isNull();
    }

    @Test
    void anEnvelopeStepAfterOthersIsRefused() {
        ConnectorConfig sink = new ConnectorConfig("k", Map.of("transforms", "a,b",
                "transforms.a.type", "org.apache.kafka.connect.transforms.InsertField$Value",
                "transforms.b.type", SchemalessSteps.EXTRACT));
        assertThatThrownBy(() -> SchemalessSteps.envelopeStep(sink)).hasMessageContaining("step 2");
    }
}
