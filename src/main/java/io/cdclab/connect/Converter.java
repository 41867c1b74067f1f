package io.cdclab.connect;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka Connect converter a pipeline's source and sink both use, for keys and values alike. Chosen per pipeline
 * ({@code Pipeline.Builder.converter}) or for a whole run ({@code -Dlab.converter=json|json-schemaless|avro}); without
 * either, a pipeline keeps what its fixtures say (the lab's fixtures: JSON with schemas).
 */
public enum Converter {
    /** JsonConverter with each event's Connect schema inline: self-describing, and the largest records. */
    JSON("json"),
    /**
     * JsonConverter without schemas: plain JSON documents. The sink then infers Iceberg types from JSON values
     * (integers become long, fractions double, bytes and decimals base64 or strings), and Debezium's
     * ExtractNewRecordState, which needs the envelope's schema, must run in the source instead.
     */
    JSON_SCHEMALESS("json-schemaless"),
    /** Avro with the schemas in a schema registry (Apicurio); the records carry a schema id only. */
    AVRO("avro");

    public static final String PROPERTY = LabSettings.CONVERTER;
    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final String AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";

    private final String id;

    Converter(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The converter named by {@code -Dlab.converter}, or null when the property is unset. */
    public static Converter from(LabSettings settings) {
        String value = settings.text(PROPERTY, "");
        return value.isEmpty() ? null : of(value);
    }

    public static Converter of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new LabException("Unknown converter '" + id + "' (-D" + PROPERTY + "). Known: "
                        + Arrays.stream(values()).map(Converter::id).toList() + "."));
    }

    public boolean needsRegistry() {
        return this == AVRO;
    }

    /**
     * The key and value converter settings of a connector config. {@code registryUrl} is the schema registry's
     * v2-compatible API ({@code http://host:port/apis/registry/v2}); used by {@link #AVRO} only.
     */
    public Map<String, String> connectorSettings(String registryUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String side : new String[] {"key", "value"}) {
            String p = side + ".converter";
            switch (this) {
                case JSON, JSON_SCHEMALESS -> {
                    s.put(p, JSON_CONVERTER);
                    s.put(p + ".schemas.enable", Boolean.toString(this == JSON));
                }
                case AVRO -> {
                    if (registryUrl == null) {
                        throw new LabException("The Avro converter needs a schema registry, and this topology offers none.");
                    }
                    s.put(p, AVRO_CONVERTER);
                    s.put(p + ".apicurio.registry.url", registryUrl);
                    // The source registers each new schema; the sink only looks ids up.
                    s.put(p + ".apicurio.registry.auto-register", "true");
                    s.put(p + ".apicurio.registry.find-latest", "true");
                }
            }
        }
        return s;
    }
}
