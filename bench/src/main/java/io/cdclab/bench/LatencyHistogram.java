package io.cdclab.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency benchmark's probes as a histogram of commit-to-visible milliseconds, with p50, p95 and p99 marked
 * and the goals (p50 ≤ 1.5 s, p99 ≤ 3 s) as lines, so the shape (one commit cycle or two) shows, not only three
 * numbers.
 */
final class LatencyHistogram {
    static final int WIDTH = 1000;
    private static final int LEFT = 60;
    private static final int PLOT_W = 900;
    private static final int TOP = 34;
    private static final int PLOT_H = 220;

    private LatencyHistogram() {
    }

    /** Bins of {@code binMs} from 0: count per bin start (ms), the last bin holding the largest sample. */
    static Map<Long, Integer> bins(List<Long> samplesMs, long binMs) {
        long max = samplesMs.stream().mapToLong(Long::longValue).max().orElse(0);
        Map<Long, Integer> bins = new LinkedHashMap<>();
        for (long start = 0; start <= Math.max(0, max); start += binMs) {
            bins.put(start, 0);
        }
        for (long v : samplesMs) {
            bins.merge(Math.max(0, v) / binMs * binMs, 1, Integer::sum);
        }
        return bins;
    }

    /** A bin width giving about 40 bins: 50, 100, 200, 250 or 500 ms. */
    static long binWidth(List<Long> samplesMs) {
        long max = samplesMs.stream().mapToLong(Long::longValue).max().orElse(0);
        for (long w : new long[] {50, 100, 200, 250, 500}) {
            if (max / w <= 40) {
                return w;
            }
        }
        return 1000;
    }

    static String svg(List<Long> samplesMs) {
        long bin = binWidth(samplesMs);
        Map<Long, Integer> bins = bins(samplesMs, bin);
        List<Long> sorted = samplesMs.stream().sorted().toList();
        long p50 = Percentiles.of(sorted, 50);
        long p95 = Percentiles.of(sorted, 95);
        long p99 = Percentiles.of(sorted, 99);
        double maxMs = Math.max(sorted.get(sorted.size() - 1) + bin, LatencyBenchmark.GOAL_P99_MS + bin);
        ChartAxis x = ChartAxis.upTo(maxMs, 8);
        ChartAxis y = ChartAxis.upTo(bins.values().stream().mapToInt(Integer::intValue).max().orElse(1), 4);
        int height = TOP + PLOT_H + 46;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"system-ui,sans-serif\" font-size=\"12\"><title>Commit to visible, histogram of ")
                .append(samplesMs.size()).append(" probes</title>");
        int bottom = TOP + PLOT_H;
        for (double t : y.ticks()) {
            int py = bottom - y.at(t, PLOT_H);
            s.append(LeversChart.line(LEFT, py, LEFT + PLOT_W, py, "#eee", null))
                    .append(LeversChart.text(LEFT - 6, py + 4, "end", "#555", ChartAxis.label(t)));
        }
        for (double t : x.ticks()) {
            int px = LEFT + x.at(t, PLOT_W);
            s.append(LeversChart.line(px, bottom, px, bottom + 4, "#555", null))
                    .append(LeversChart.text(px, bottom + 17, "middle", "#555", ChartAxis.label(t)));
        }
        s.append(LeversChart.line(LEFT, bottom, LEFT + PLOT_W, bottom, "#555", null))
                .append(LeversChart.line(LEFT, TOP, LEFT, bottom, "#555", null))
                .append(LeversChart.text(LEFT + PLOT_W / 2, bottom + 36, "middle", "#333",
                        "milliseconds from PostgreSQL commit to the row visible in a new Iceberg snapshot (bins of " + bin + " ms)"))
                .append("<text x=\"14\" y=\"").append(TOP + PLOT_H / 2).append("\" transform=\"rotate(-90 14 ")
                .append(TOP + PLOT_H / 2).append(")\" text-anchor=\"middle\" fill=\"#333\">probes</text>");
        int binPx = Math.max(1, x.at(bin, PLOT_W) - 1);
        bins.forEach((start, count) -> {
            if (count > 0) {
                int h = Math.max(1, y.at(count, PLOT_H));
                s.append("<rect x=\"").append(LEFT + x.at(start, PLOT_W)).append("\" y=\"").append(bottom - h).append("\" width=\"")
                        .append(binPx).append("\" height=\"").append(h).append("\" fill=\"#4a7bb7\"><title>")
                        .append(start).append("-").append(start + bin).append(" ms: ").append(count).append(" probes</title></rect>");
            }
        });
        marker(s, x, p50, "p50 " + p50 + " ms", "#1e8449", 0);
        marker(s, x, p95, "p95 " + p95 + " ms", "#b9770e", 1);
        marker(s, x, p99, "p99 " + p99 + " ms", "#c0392b", 2);
        goal(s, x, LatencyBenchmark.GOAL_P50_MS, "goal p50");
        goal(s, x, LatencyBenchmark.GOAL_P99_MS, "goal p99");
        return s.append("</svg>").toString();
    }

    private static void marker(StringBuilder s, ChartAxis x, long ms, String label, String colour, int row) {
        int px = LEFT + x.at(ms, PLOT_W);
        s.append(LeversChart.line(px, TOP - 4, px, TOP + PLOT_H, colour, "5 3"))
                .append(LeversChart.text(px + 4, TOP + 10 + 14 * row, "start", colour, label));
    }

    private static void goal(StringBuilder s, ChartAxis x, long ms, String label) {
        int px = LEFT + x.at(ms, PLOT_W);
        s.append(LeversChart.line(px, TOP - 4, px, TOP + PLOT_H, "#999", "1 3"))
                .append(LeversChart.text(px, TOP - 8, "middle", "#777", label + " " + ms + " ms"));
    }
}
