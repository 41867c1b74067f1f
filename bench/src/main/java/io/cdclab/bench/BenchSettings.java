package io.cdclab.bench;

import io.cdclab.errors.LabException;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to benchmark and how, from system properties ({@code -Dbench.*}); every setting has a default, so a bare
 * {@code mvn -q -f bench/pom.xml compile exec:java} works. The values go into each JSON file, so a figure always
 * says what produced it.
 */
record BenchSettings(List<String> suites, int probes, int probeRatePerSecond, Duration loadInterval,
                     Duration commitInterval, long changes, int partitions, int sinkTasks,
                     List<Long> scalingChanges, List<Integer> scalingPartitions, List<Integer> scalingTasks,
                     int batchRows, String jfr, Map<String, String> sourceConfig, Map<String, String> sinkConfig,
                     long leversChanges, List<String> leversCells, int leversProbes) {

    static final List<String> KNOWN_SUITES = List.of("startup", "latency", "throughput", "scaling", "levers", "report",
            "recovery", "soak");

    static BenchSettings fromSystemProperties() {
        List<String> suites = list("bench.suite", "startup");
        for (String suite : suites) {
            if (!KNOWN_SUITES.contains(suite)) {
                throw new LabException("-Dbench.suite names '" + suite + "'; known suites: " + KNOWN_SUITES);
            }
        }
        String jfr = System.getProperty("bench.jfr", "").trim();
        jfr = jfr.isEmpty() ? "none" : jfr;
        if (!List.of("none", "connect", "bench", "both").contains(jfr)) {
            throw new LabException("-Dbench.jfr=" + jfr + ": use none, connect, bench or both");
        }
        return new BenchSettings(suites,
                integer("bench.probes", 1000), integer("bench.probe.rate", 20),
                Duration.ofMillis(integer("bench.load.interval.ms", 50)),
                Duration.ofMillis(integer("bench.commit.interval.ms", 1000)),
                number("bench.changes", 1_000_000), integer("bench.partitions", 1), integer("bench.tasks", 1),
                list("bench.scaling.changes", "10000").stream().map(Long::parseLong).toList(),
                list("bench.scaling.partitions", "1").stream().map(Integer::parseInt).toList(),
                list("bench.scaling.tasks", "1").stream().map(Integer::parseInt).toList(),
                integer("bench.batch.rows", 10_000), jfr,
                keyValues("bench.source.config"), keyValues("bench.sink.config"),
                number("bench.levers.changes", 100_000), leverCells(), integer("bench.levers.probes", 20));
    }

    /** {@code -Dbench.levers.cells}: the matrix's cells to run, checked against the known ones. */
    private static List<String> leverCells() {
        List<String> names = list("bench.levers.cells", String.join(",", LeverMatrix.defaultNames()));
        LeverMatrix.select(names); // names an unknown cell with the known ones
        return names;
    }

    boolean runs(String suite) {
        return suites.contains(suite);
    }

    boolean profileConnect() {
        return jfr.equals("connect") || jfr.equals("both");
    }

    boolean profileBench() {
        return jfr.equals("bench") || jfr.equals("both");
    }

    /** The settings as figures for the JSON files. */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suites", suites);
        m.put("probes", probes);
        m.put("probe_rate_per_s", probeRatePerSecond);
        m.put("background_load_interval_ms", loadInterval.toMillis());
        m.put("sink_commit_interval_ms", commitInterval.toMillis());
        m.put("changes", changes);
        m.put("partitions", partitions);
        m.put("sink_tasks", sinkTasks);
        m.put("scaling_changes", scalingChanges);
        m.put("scaling_partitions", scalingPartitions);
        m.put("scaling_tasks", scalingTasks);
        m.put("rows_per_generator_transaction", batchRows);
        m.put("jfr", jfr);
        m.put("source_config_overrides", sourceConfig);
        m.put("sink_config_overrides", sinkConfig);
        m.put("levers_changes_per_cell", leversChanges);
        m.put("levers_cells", leversCells);
        m.put("levers_latency_probes_per_cell", leversProbes);
        return m;
    }

    private static int integer(String key, int fallback) {
        return (int) number(key, fallback);
    }

    private static long number(String key, long fallback) {
        String value = System.getProperty(key, "").trim();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n <= 0) {
                throw new NumberFormatException("not positive");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LabException("-D" + key + "=" + value + " is not a positive whole number", e);
        }
    }

    private static List<String> list(String key, String fallback) {
        String value = System.getProperty(key, "").trim();
        return Arrays.stream((value.isEmpty() ? fallback : value).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code key=value;key=value} (semicolons, since Connect values may hold commas). */
    private static Map<String, String> keyValues(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        String value = System.getProperty(key, "").trim();
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new LabException("-D" + key + ": '" + pair + "' is not key=value (pairs separated by ';')");
            }
            map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return map;
    }
}
