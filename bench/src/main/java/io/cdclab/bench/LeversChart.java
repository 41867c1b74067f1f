package io.cdclab.bench;

import java.util.List;
import java.util.Map;

/**
 * The levers matrix as horizontal bars of changes/s, one per cell, coloured by lever, on a linear axis that
 * reaches the pgoutput ceiling, which is drawn as a line (with the fast profile's goal, a tenth of it): the
 * distance from every bar to the ceiling is the point of the chart, so the axis is not cut short.
 */
final class LeversChart {
    static final int WIDTH = 1100;
    private static final int LABEL = 250;
    private static final int PLOT = 700;
    private static final int BAR = 20;
    private static final int GAP = 8;
    private static final int TOP = 30;
    private static final Map<String, String> COLOURS = Map.of("default", "#777777", "converter", "#4a7bb7",
            "producer", "#6aa84f", "debezium", "#b7904a", "parallelism", "#8e6bb7", "fast", "#c0392b");

    private LeversChart() {
    }

    /** @param cells the summary's cells (failed ones are left out); {@code ceiling} may be null */
    static String svg(List<Map<String, Object>> cells, Number ceiling) {
        List<Map<String, Object>> drawn = cells.stream().filter(c -> c.get("chain_changes_per_s") instanceof Number).toList();
        double max = drawn.stream().mapToDouble(c -> ((Number) c.get("chain_changes_per_s")).doubleValue()).max().orElse(0);
        if (ceiling != null) {
            max = Math.max(max, ceiling.doubleValue());
        }
        ChartAxis axis = ChartAxis.upTo(max, 5);
        int plotHeight = drawn.size() * (BAR + GAP) + GAP;
        int height = TOP + plotHeight + 44;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"system-ui,sans-serif\" font-size=\"12\"><title>Changes per second by cell, with the "
                        + "pgoutput ceiling</title>");
        for (double tick : axis.ticks()) {
            int x = LABEL + axis.at(tick, PLOT);
            s.append(line(x, TOP, x, TOP + plotHeight + 4, "#ddd", null))
                    .append(text(x, TOP + plotHeight + 17, "middle", "#555", ChartAxis.label(tick)));
        }
        s.append(line(LABEL, TOP + plotHeight, LABEL + PLOT, TOP + plotHeight, "#555", null))
                .append(line(LABEL, TOP, LABEL, TOP + plotHeight, "#555", null))
                .append(text(LABEL + PLOT / 2, TOP + plotHeight + 36, "middle", "#333",
                        "row changes per second, PostgreSQL write to Iceberg snapshot (linear axis from 0)"));
        int y = TOP + GAP;
        for (Map<String, Object> c : drawn) {
            double rate = ((Number) c.get("chain_changes_per_s")).doubleValue();
            int length = Math.max(1, axis.at(rate, PLOT));
            String colour = COLOURS.getOrDefault(String.valueOf(c.get("lever")), "#4a7bb7");
            String value = ChartAxis.label(rate) + "/s" + (c.get("speedup_over_default") instanceof Number x
                    ? "  ×" + x + " default" : "") + (c.get("ratio_to_ceiling") instanceof Number r ? ", " + r + " of ceiling" : "");
            String name = String.valueOf(c.get("cell"));
            s.append(text(LABEL - 8, y + BAR - 6, "end", "#222", name.equals(c.get("lever")) ? name : name + " (" + c.get("lever") + ")"))
                    .append("<rect x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"").append(length)
                    .append("\" height=\"").append(BAR).append("\" fill=\"").append(colour).append("\"><title>")
                    .append(ChartAxis.esc(c.get("description") + ": " + value)).append("</title></rect>")
                    .append(text(LABEL + length + 5, y + BAR - 6, "start", "#222", value));
            y += BAR + GAP;
        }
        if (ceiling != null) {
            int x = LABEL + axis.at(ceiling.doubleValue(), PLOT);
            int goal = LABEL + axis.at(ceiling.doubleValue() * LeversSummary.GOAL_RATIO_TO_CEILING, PLOT);
            s.append(line(x, TOP - 8, x, TOP + plotHeight, "#c0392b", "6 3"))
                    .append(text(x, TOP - 12, "end", "#c0392b", "pgoutput ceiling " + ChartAxis.label(ceiling.doubleValue()) + "/s"))
                    .append(line(goal, TOP - 8, goal, TOP + plotHeight, "#e67e22", "2 3"))
                    .append(text(goal + 4, TOP - 12, "start", "#e67e22", "goal: 0.1 × ceiling"));
        }
        return s.append("</svg>").toString();
    }

    static String line(int x1, int y1, int x2, int y2, String stroke, String dash) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"" + stroke + "\""
                + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\" stroke-width=\"2\"") + "/>";
    }

    static String text(int x, int y, String anchor, String fill, String content) {
        // a white halo keeps a label readable where it crosses a grid or goal line
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" fill=\"" + fill
                + "\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">"
                + ChartAxis.esc(content) + "</text>";
    }
}
