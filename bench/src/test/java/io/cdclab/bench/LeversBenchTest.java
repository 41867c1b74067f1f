package io.cdclab.bench;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The levers benchmark's settings, arithmetic, markdown and charts, without servers (the matrix runs by hand). */
class LeversBenchTest {

    @AfterEach
    void clearProperties() {
        List.of("bench.suite", "bench.levers.cells", "bench.levers.changes").forEach(System::clearProperty);
    }

    @Test
    void cellsAreChosenByName_theDefaultAlwaysRuns_andAnUnknownNameIsNamedWithTheKnownOnes() {
        System.setProperty("bench.suite", "levers");
        System.setProperty("bench.levers.cells", "fast, avro");
        System.setProperty("bench.levers.changes", "20_000");
        BenchSettings s = BenchSettings.fromSystemProperties();
        assertThat(s.runs("levers")).isTrue();
        assertThat(s.leversChanges()).isEqualTo(20_000L);
        assertThat(LeverMatrix.select(s.leversCells())).extracting(LeverMatrix.Cell::name)
                .containsExactly("default", "avro", "fast"); // the matrix's order, not the property's

        System.setProperty("bench.levers.cells", "avro,avor");
        assertThatThrownBy(BenchSettings::fromSystemProperties).isInstanceOf(LabException.class)
                .hasMessageContaining("[avor]").hasMessageContaining("json-schemaless").hasMessageContaining("-Dbench.levers.cells");
        System.clearProperty("bench.levers.cells");
        assertThat(BenchSettings.fromSystemProperties().leversCells()).contains("default", "json-schemaless", "avro",
                "batching", "lz4", "debezium-batch", "p3", "p3-t2", "fast");
    }

    @Test
    void summary_usesTheMedianCeiling_andJudgesTheFastProfileAgainstTheDefault() {
        List<Map<String, Object>> cells = new ArrayList<>();
        cells.add(cell("default", 2_000L, 50_000L));
        cells.add(cell("avro", 3_000L, 90_000L));
        cells.add(cell("fast", 6_000L, 60_000L));
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("cell", "p3");
        failed.put("lever", "parallelism");
        failed.put("error", "Iceberg table held 3 of 10 rows");
        cells.add(failed);

        Map<String, Object> r = LeversSummary.of(cells);

        assertThat(r.get("ceiling_changes_per_s")).isEqualTo(60_000L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> out = (List<Map<String, Object>>) r.get("cells");
        assertThat(out.get(2)).containsEntry("speedup_over_default", 3.0).containsEntry("ratio_to_ceiling", 0.1);
        assertThat(out.get(3)).doesNotContainKey("ratio_to_ceiling");
        @SuppressWarnings("unchecked")
        Map<String, Object> fast = (Map<String, Object>) r.get("fast_profile");
        assertThat(fast).containsEntry("speedup_goal_met", true).containsEntry("ratio_goal_met", true);

        cells.add(cell("default-again", 1_000L, 60_000L));
        assertThat(LeversSummary.of(cells).get("default_changes_per_s")).as("the faster default counts").isEqualTo(2_000L);
        cells.set(4, cell("default-again", 2_400L, 60_000L));
        assertThat(LeversSummary.of(cells).get("default_changes_per_s")).isEqualTo(2_400L);
        cells.remove(4);
        cells.set(2, cell("fast", 4_000L, 60_000L));
        @SuppressWarnings("unchecked")
        Map<String, Object> slower = (Map<String, Object>) LeversSummary.of(cells).get("fast_profile");
        assertThat(slower).containsEntry("speedup_goal_met", false).containsEntry("ratio_goal_met", false);

        String md = LeversMarkdown.of(LeversSummary.of(cells));
        assertThat(md).contains("| fast | fast |").contains("| 4,000 | 2.0 | 0.067 | 5.0 / 2.0 / 0.5 |")
                .contains("failed: Iceberg table held 3 of 10 rows").contains("goal ≥ 2.5: missed");
    }

    @Test
    void leversChart_drawsOneBarPerMeasuredCell_onAnAxisThatReachesTheCeiling() {
        List<Map<String, Object>> cells = new ArrayList<>();
        cells.add(cell("default", 2_000L, 50_000L));
        cells.add(cell("fast", 6_000L, 60_000L));
        Map<String, Object> failed = new LinkedHashMap<>(Map.of("cell", "p3", "error", "x"));
        cells.add(failed);
        String svg = LeversChart.svg(LeversSummary.of(cells).get("cells") instanceof List<?> l ? cast(l) : List.of(), 55_000L);

        assertThat(svg).startsWith("<svg").endsWith("</svg>").doesNotContain("<script");
        assertThat(count(svg, "<rect ")).isEqualTo(2);
        assertThat(svg).contains("pgoutput ceiling 55,000/s").contains("goal: 0.1 × ceiling").contains("row changes per second");
        // the fast bar is three times the default's, on the same linear axis
        List<Integer> widths = widths(svg);
        assertThat(widths.get(1)).isBetween(3 * widths.get(0) - 2, 3 * widths.get(0) + 2);
        assertThat(LeversChart.WIDTH).isLessThanOrEqualTo(1200);
    }

    @Test
    void latencyHistogram_countsEveryProbe_andMarksThePercentiles() {
        List<Long> samples = LongStream.rangeClosed(1, 200).map(i -> i * 20).boxed().toList(); // 20 .. 4000 ms
        long bin = LatencyHistogram.binWidth(samples);
        Map<Long, Integer> bins = LatencyHistogram.bins(samples, bin);
        assertThat(bins.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(bins.size()).isLessThanOrEqualTo(41);

        String svg = LatencyHistogram.svg(samples);
        assertThat(svg).contains("p50 2000 ms").contains("p95 3800 ms").contains("p99 3960 ms").contains("goal p99 3000 ms")
                .contains("milliseconds from PostgreSQL commit");
        assertThat(count(svg, "<rect ")).isEqualTo((int) bins.values().stream().filter(c -> c > 0).count());
    }

    private static Map<String, Object> cell(String name, long rate, long ceiling) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cell", name);
        c.put("lever", name.equals("default") ? "default" : name.equals("fast") ? "fast" : "converter");
        c.put("description", name + " settings");
        c.put("chain_changes_per_s", rate);
        c.put("cell_ceiling_changes_per_s", ceiling);
        c.put("cpu_seconds", Map.of("connect worker (Debezium + Iceberg sink)", 5.0, "kafka broker", 2.0,
                "postgres WAL senders (logical decoding)", 0.3, "postgres backends (SQL sessions)", 0.2));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cast(List<?> l) {
        return (List<Map<String, Object>>) l;
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    private static List<Integer> widths(String svg) {
        Matcher m = Pattern.compile("<rect x=\"\\d+\" y=\"\\d+\" width=\"(\\d+)\"").matcher(svg);
        List<Integer> w = new ArrayList<>();
        while (m.find()) {
            w.add(Integer.parseInt(m.group(1)));
        }
        return w;
    }
}
