package io.cdclab.profiles;

import io.cdclab.connect.Converter;
import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named set of throughput settings for a pipeline: {@code Pipeline.Builder.profile(...)} or, for every pipeline
 * of a run, {@code -Dlab.profile=default|fast}. {@link #FAST} is the configuration the levers benchmark
 * ({@code -Dbench.suite=levers}, docs/BENCHMARKS.md) measured fastest among those that keep C4's type fidelity.
 * A converter or config key set explicitly on the builder wins over the profile's.
 */
public enum PipelineProfile {
    /** The fixtures as they are: JSON with schemas, the connectors' own batching. */
    DEFAULT("default", null, Map.of(), Map.of()),
    /**
     * Avro through the schema registry (it keeps C4's types exactly as JSON with schemas does; schemaless JSON, the
     * fastest converter, loses {@code numeric(p,s)} and {@code bytea}), with producer batches of 256 KiB, 10 ms
     * linger and lz4; 1 partition and 1 sink task, so row order per key is as with the default. Needs the lab's
     * schema registry (a Java 21+ found on the machine).
     */
    FAST("fast", Converter.AVRO, FastSettings.SOURCE, Map.of());

    public static final String PROPERTY = LabProfiles.PROPERTY;

    private final String id;
    private final Converter converter;
    private final Map<String, String> source;
    private final Map<String, String> sink;

    PipelineProfile(String id, Converter converter, Map<String, String> source, Map<String, String> sink) {
        this.id = id;
        this.converter = converter;
        this.source = source;
        this.sink = sink;
    }

    public String id() {
        return id;
    }

    /** The converter the profile sets, or null to keep the fixtures' own. */
    public Converter converter() {
        return converter;
    }

    /** Source connector settings, applied after the fixture is rendered and before the builder's own overrides. */
    public Map<String, String> sourceSettings() {
        return source;
    }

    public Map<String, String> sinkSettings() {
        return sink;
    }

    /** {@link #FAST} when {@code -Dlab.profile} names {@code fast} (it may also name {@code recovery}), else DEFAULT. */
    public static PipelineProfile from(LabSettings settings) {
        return LabProfiles.configured(settings).contains(FAST.id) ? FAST : DEFAULT;
    }

    public static PipelineProfile of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new LabException("Unknown pipeline profile '" + id + "' (-D" + PROPERTY + "). Known: "
                        + Arrays.stream(values()).map(PipelineProfile::id).toList() + "; leave it unset for the fixtures as they are."));
    }

    /** The fast profile's source settings, one lever each (the levers benchmark varies them one at a time). */
    public static final class FastSettings {
        /** Producer batching: fewer, larger requests to the broker. */
        public static final Map<String, String> PRODUCER_BATCHING = Map.of(
                "producer.override.linger.ms", "10", "producer.override.batch.size", "262144");
        /** Producer compression: fewer bytes per change in Kafka. */
        public static final Map<String, String> PRODUCER_COMPRESSION = Map.of("producer.override.compression.type", "lz4");
        /** Debezium's batch and queue between the decoder and the source task. */
        public static final Map<String, String> DEBEZIUM_BATCH = Map.of("max.batch.size", "8192", "max.queue.size", "32768");
        /** The fast profile's source settings; Debezium's batch sizes are not in them (no gain measured). */
        static final Map<String, String> SOURCE = merged(PRODUCER_BATCHING, PRODUCER_COMPRESSION);

        private FastSettings() {
        }

        @SafeVarargs
        private static Map<String, String> merged(Map<String, String>... parts) {
            Map<String, String> all = new LinkedHashMap<>();
            for (Map<String, String> part : parts) {
                new TreeMap<>(part).forEach(all::put);
            }
            return Collections.unmodifiableMap(all);
        }
    }
}
