package io.cdclab.bench;

import io.cdclab.connect.Converter;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.PipelineProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of the levers benchmark: the default (JSON with schemas, the fixtures' batching, 1 partition, 1 sink
 * task), then one lever changed at a time from it, then the fast profile with everything together. Not a cross
 * product: on two cores a full product would take hours and say little more than one lever at a time.
 */
final class LeverMatrix {

    /** One configuration to measure; {@code lever} groups the cells on the page (default, converter, ...). */
    record Cell(String name, String lever, String description, Converter converter, PipelineProfile profile,
                int partitions, int sinkTasks, Map<String, String> sourceConfig) {
    }

    static final String DEFAULT = "default";
    static final String FAST = "fast";
    /** The default configuration, measured first and again last. */
    static final List<String> DEFAULT_CELLS = List.of(DEFAULT, "default-again");

    private LeverMatrix() {
    }

    /** Every known cell, in the order they run and are drawn. */
    static List<Cell> all() {
        PipelineProfile none = PipelineProfile.DEFAULT;
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(DEFAULT, "default", "JSON with schemas, fixture batching, 1 partition, 1 sink task",
                Converter.JSON, none, 1, 1, Map.of()));
        cells.add(new Cell("json-schemaless", "converter", "JSON without schemas", Converter.JSON_SCHEMALESS, none, 1, 1, Map.of()));
        cells.add(new Cell("avro", "converter", "Avro, schemas in Apicurio Registry", Converter.AVRO, none, 1, 1, Map.of()));
        cells.add(new Cell("batching", "producer", describe(PipelineProfile.FastSettings.PRODUCER_BATCHING), Converter.JSON, none,
                1, 1, PipelineProfile.FastSettings.PRODUCER_BATCHING));
        cells.add(new Cell("lz4", "producer", describe(PipelineProfile.FastSettings.PRODUCER_COMPRESSION), Converter.JSON, none,
                1, 1, PipelineProfile.FastSettings.PRODUCER_COMPRESSION));
        cells.add(new Cell("zstd", "producer", "producer.override.compression.type=zstd", Converter.JSON, none, 1, 1,
                Map.of("producer.override.compression.type", "zstd")));
        cells.add(new Cell("debezium-batch", "debezium", describe(PipelineProfile.FastSettings.DEBEZIUM_BATCH), Converter.JSON,
                none, 1, 1, PipelineProfile.FastSettings.DEBEZIUM_BATCH));
        cells.add(new Cell("p3", "parallelism", "3 partitions, 1 sink task", Converter.JSON, none, 3, 1, Map.of()));
        cells.add(new Cell("p3-t2", "parallelism", "3 partitions, 2 sink tasks", Converter.JSON, none, 3, 2, Map.of()));
        cells.add(new Cell(FAST, "fast", "-Dlab.profile=fast: Avro + batching + lz4, 1 partition, 1 sink task",
                null, PipelineProfile.FAST, 1, 1, Map.of()));
        cells.add(new Cell("fast-json", "fast", "the fast profile's levers under JSON with schemas", Converter.JSON,
                PipelineProfile.FAST, 1, 1, Map.of()));
        cells.add(new Cell("fast-schemaless", "fast", "the fast profile's levers under schemaless JSON (loses C4 types)",
                Converter.JSON_SCHEMALESS, PipelineProfile.FAST, 1, 1, Map.of()));
        cells.add(new Cell("fast-p3-t2", "fast", "the fast profile with 3 partitions and 2 sink tasks", null,
                PipelineProfile.FAST, 3, 2, Map.of()));
        // The machine's other work changes while the matrix runs: the default again, last, shows by how much.
        cells.add(new Cell("default-again", "default", "the default again, measured last (drift of the machine)",
                Converter.JSON, none, 1, 1, Map.of()));
        return cells;
    }

    /** Not measured: the first cells of a worker JVM run with a cold JIT, so each converter gets one first. */
    static List<Cell> warmUps() {
        // JSON twice: one cell was not enough (23 CPU s, then 16 for the default, then 10 for it again at the end)
        return List.of(new Cell("warm-up-json", "warm-up", "JSON with schemas, not measured", Converter.JSON,
                        PipelineProfile.DEFAULT, 1, 1, Map.of()),
                new Cell("warm-up-json-2", "warm-up", "JSON with schemas, not measured", Converter.JSON,
                        PipelineProfile.DEFAULT, 1, 1, Map.of()),
                new Cell("warm-up-avro", "warm-up", "Avro, not measured (also starts the registry)", Converter.AVRO,
                        PipelineProfile.DEFAULT, 1, 1, Map.of()));
    }

    /** The fast cell again under JDK Flight Recorder ({@code -Dbench.jfr}): a recording slows what it records. */
    static Cell profiled() {
        Cell fast = all().stream().filter(c -> c.name().equals(FAST)).findFirst().orElseThrow();
        return new Cell("fast-under-jfr", "profile", fast.description() + ", recorded by JFR (not compared)",
                fast.converter(), fast.profile(), fast.partitions(), fast.sinkTasks(), fast.sourceConfig());
    }

    /** The cells run by default: all but the fast profile's parallel variant (a minute more, little news on 2 cores). */
    static List<String> defaultNames() {
        return all().stream().map(Cell::name).filter(n -> !n.equals("fast-p3-t2")).toList();
    }

    /**
     * The cells named (as {@code -Dbench.levers.cells} gives them), in the matrix's order; the default cell is always
     * measured, since every ratio is to it.
     */
    static List<Cell> select(List<String> names) {
        Map<String, Cell> known = new LinkedHashMap<>();
        all().forEach(c -> known.put(c.name(), c));
        List<String> unknown = names.stream().filter(n -> !known.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new LabException("-Dbench.levers.cells names " + unknown + ", which the levers matrix does not have. "
                    + "Known cells: " + known.keySet() + " (comma-separated; unset runs " + defaultNames() + ").");
        }
        return known.values().stream().filter(c -> c.name().equals(DEFAULT) || names.contains(c.name())).toList();
    }

    private static String describe(Map<String, String> settings) {
        return String.join(", ", settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
    }
}
