package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;
import io.cdclab.errors.LabException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schemaless JSON and Debezium's {@code ExtractNewRecordState}: the SMT recognises a change event by its Connect
 * schema, and a schemaless record has none, so in the sink it would pass the whole envelope (before, after,
 * source, ...) on unchanged, without a word. Under schemaless JSON the lab therefore runs that step in the source,
 * before the converter drops the schema; the sink keeps the rest of its chain (InsertField, RegexRouter work on
 * maps). The topic then holds flat rows instead of envelopes.
 */
final class SchemalessSteps {
    static final String EXTRACT = "io.debezium.transforms.ExtractNewRecordState";

    private SchemalessSteps() {
    }

    /** The name of the sink's ExtractNewRecordState step, or null; it must come first in the chain. */
    static String envelopeStep(ConnectorConfig sink) {
        List<String> chain = chain(sink);
        for (int i = 0; i < chain.size(); i++) {
            if (EXTRACT.equals(sink.get("transforms." + chain.get(i) + ".type"))) {
                if (i > 0) {
                    throw new LabException("Sink " + sink.name() + " runs " + EXTRACT + " as step " + (i + 1) + " of "
                            + chain + ". Under schemaless JSON the lab moves that step into the source, which is only "
                            + "the same chain when it comes first.");
                }
                return chain.get(i);
            }
        }
        return null;
    }

    static ConnectorConfig withEnvelopeStep(ConnectorConfig source, ConnectorConfig sink) {
        String step = envelopeStep(sink);
        if (step == null) {
            return source;
        }
        List<String> chain = new ArrayList<>(chain(source));
        if (chain.contains(step)) {
            throw new LabException("Source " + source.name() + " already has a transform named '" + step + "'.");
        }
        chain.add(step);
        Map<String, String> moved = new LinkedHashMap<>();
        moved.put("transforms", String.join(",", chain));
        sink.config().forEach((k, v) -> {
            if (k.startsWith("transforms." + step + ".")) {
                moved.put(k, v);
            }
        });
        return source.with(moved);
    }

    static ConnectorConfig withoutEnvelopeStep(ConnectorConfig sink) {
        String step = envelopeStep(sink);
        if (step == null) {
            return sink;
        }
        List<String> chain = new ArrayList<>(chain(sink));
        chain.remove(step);
        ConnectorConfig out = sink.with("transforms", String.join(",", chain));
        for (String key : sink.config().keySet()) {
            if (key.startsWith("transforms." + step + ".")) {
                out = out.without(key);
            }
        }
        return out;
    }

    private static List<String> chain(ConnectorConfig config) {
        String transforms = config.get("transforms");
        return transforms == null || transforms.isBlank() ? List.of()
                : Arrays.stream(transforms.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
