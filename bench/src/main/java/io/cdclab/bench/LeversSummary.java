package io.cdclab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The levers matrix against one ceiling: the median of the cells' own pgoutput reads (each cell reads its
 * changes once its pipeline is gone; the median keeps one noisy read from moving every ratio), each cell's
 * speed-up over the faster of the two default cells (first and last), and the fast profile's goals (≥ 2.5× the default, ≥ 0.1 of the ceiling).
 */
final class LeversSummary {
    static final double GOAL_SPEEDUP = 2.5;
    static final double GOAL_RATIO_TO_CEILING = 0.1;

    private LeversSummary() {
    }

    static Map<String, Object> of(List<Map<String, Object>> measured) {
        List<Long> ceilings = new ArrayList<>();
        Long defaultRate = null;
        for (Map<String, Object> c : measured) {
            if (c.get("cell_ceiling_changes_per_s") instanceof Number n) {
                ceilings.add(n.longValue());
            }
            // The faster of the default cells (first and last): the worker's JIT and the machine's other work drift
            // during a run, and the goal must not be met by comparing with a default measured at its worst.
            if (c.get("cell") instanceof String name && LeverMatrix.DEFAULT_CELLS.contains(name)
                    && c.get("chain_changes_per_s") instanceof Number n && (defaultRate == null || n.longValue() > defaultRate)) {
                defaultRate = n.longValue();
            }
        }
        Long ceiling = ceilings.isEmpty() ? null : Percentiles.of(ceilings.stream().sorted().toList(), 50);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Map<String, Object> c : measured) {
            Map<String, Object> cell = new LinkedHashMap<>(c);
            if (c.get("chain_changes_per_s") instanceof Number rate) {
                if (ceiling != null) {
                    cell.put("ratio_to_ceiling", round3(rate.doubleValue() / ceiling));
                }
                if (defaultRate != null) {
                    cell.put("speedup_over_default", round3(rate.doubleValue() / defaultRate));
                }
            }
            cells.add(cell);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("ceiling_changes_per_s", ceiling);
        results.put("ceiling_reads", ceilings);
        results.put("default_changes_per_s", defaultRate);
        results.put("cells", cells);
        // the recommendation's candidates: 1 partition and 1 sink task (the goal's terms), a converter keeping C4's types
        cells.stream().filter(c -> c.get("chain_changes_per_s") instanceof Number && !"json-schemaless".equals(c.get("converter"))
                        && Integer.valueOf(1).equals(c.get("partitions")) && Integer.valueOf(1).equals(c.get("sink_tasks")))
                .max(Comparator.comparingDouble(c -> ((Number) c.get("chain_changes_per_s")).doubleValue()))
                .ifPresent(best -> results.put("fastest_keeping_c4_types", best.get("cell")));
        cells.stream().filter(c -> LeverMatrix.FAST.equals(c.get("cell"))).findFirst()
                .ifPresent(fast -> results.put("fast_profile", goals(fast)));
        return results;
    }

    private static Map<String, Object> goals(Map<String, Object> fast) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("changes_per_s", fast.get("chain_changes_per_s"));
        g.put("speedup_over_default", fast.get("speedup_over_default"));
        g.put("ratio_to_ceiling", fast.get("ratio_to_ceiling"));
        g.put("goal_speedup", GOAL_SPEEDUP);
        g.put("goal_ratio_to_ceiling", GOAL_RATIO_TO_CEILING);
        boolean speedup = fast.get("speedup_over_default") instanceof Number s && s.doubleValue() >= GOAL_SPEEDUP;
        boolean ratio = fast.get("ratio_to_ceiling") instanceof Number r && r.doubleValue() >= GOAL_RATIO_TO_CEILING;
        g.put("speedup_goal_met", speedup);
        g.put("ratio_goal_met", ratio);
        return g;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
