package io.cdclab.report;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A horizontal bar chart as inline SVG, with a value axis (ticks, grid lines and its unit): readable from disk,
 * no script, no network.
 */
final class SvgBarChart {
    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final int PLOT_WIDTH = 420;
    private static final int AXIS_HEIGHT = 38;
    private static final Pattern TRAILING_UNIT = Pattern.compile(".*\\(([^()]{1,12})\\)\\s*$");

    private SvgBarChart() {
    }

    static String render(String caption, Map<String, ? extends Number> bars) {
        return render(caption, unitOf(caption), bars);
    }

    static String render(String caption, String unit, Map<String, ? extends Number> bars) {
        // Room for the longest label (about 7 px a character at 12 px), so that none is cut at the left edge.
        int labelWidth = Math.min(360, Math.max(160, 12 + 7 * bars.keySet().stream().mapToInt(String::length).max().orElse(0)));
        double max = bars.values().stream().mapToDouble(Number::doubleValue).max().orElse(0);
        double step = step(max);
        double top = max <= 0 ? 1 : Math.ceil(max / step - 1e-9) * step;
        int plotHeight = bars.size() * (BAR + GAP) + GAP;
        int height = plotHeight + AXIS_HEIGHT;
        int width = labelWidth + PLOT_WIDTH + 80;
        StringBuilder svg = new StringBuilder("<figure><figcaption>").append(ReportWriter.esc(caption))
                .append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"system-ui,sans-serif\" font-size=\"12\"><title>")
                .append(ReportWriter.esc(caption)).append("</title>");
        // The value axis first, so the bars are drawn over its grid lines.
        for (double tick = 0; tick <= top + step / 2; tick += step) {
            int x = labelWidth + (int) Math.round(PLOT_WIDTH * tick / top);
            svg.append("<line x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"").append(plotHeight + 4)
                    .append("\" stroke=\"#ddd\"/><text x=\"").append(x).append("\" y=\"").append(plotHeight + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(ReportWriter.esc(tickLabel(tick, step))).append("</text>");
        }
        svg.append("<line x1=\"").append(labelWidth).append("\" y1=\"").append(plotHeight).append("\" x2=\"")
                .append(labelWidth + PLOT_WIDTH).append("\" y2=\"").append(plotHeight).append("\" stroke=\"#555\"/>")
                .append("<line x1=\"").append(labelWidth).append("\" y1=\"0\" x2=\"").append(labelWidth).append("\" y2=\"")
                .append(plotHeight).append("\" stroke=\"#555\"/>")
                .append("<text x=\"").append(labelWidth + PLOT_WIDTH / 2).append("\" y=\"").append(plotHeight + 32)
                .append("\" text-anchor=\"middle\" fill=\"#333\">").append(ReportWriter.esc(unit.isEmpty() ? "value" : unit))
                .append("</text>");
        int y = GAP;
        for (Map.Entry<String, ? extends Number> bar : bars.entrySet()) {
            double value = bar.getValue().doubleValue();
            int length = max <= 0 ? 0 : (int) Math.round(PLOT_WIDTH * value / top);
            svg.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(y + BAR - 5)
                    .append("\" text-anchor=\"end\">").append(ReportWriter.esc(bar.getKey())).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"").append(length)
                    .append("\" height=\"").append(BAR).append("\" fill=\"#4a7bb7\"><title>")
                    .append(ReportWriter.esc(bar.getKey() + ": " + ReportWriter.format(bar.getValue()))).append("</title></rect>")
                    .append("<text x=\"").append(labelWidth + length + 4).append("\" y=\"").append(y + BAR - 5).append("\">")
                    .append(ReportWriter.esc(ReportWriter.format(bar.getValue()))).append("</text>");
            y += BAR + GAP;
        }
        return svg.append("</svg></figure>\n").toString();
    }

    /** The axis's unit, read from the caption: "Time to recover (s)", "Milliseconds until ready", "events per ...". */
    static String unitOf(String caption) {
        Matcher m = TRAILING_UNIT.matcher(caption);
        String lower = caption.toLowerCase(Locale.ROOT);
        if (m.matches()) {
            return m.group(1).equals("s") ? "seconds" : m.group(1);
        } else if (lower.contains("millisecond")) {
            return "milliseconds";
        } else if (lower.contains("per second")) {
            return "row changes per second";
        } else if (lower.contains("%")) {
            return "% of samples";
        }
        for (String noun : new String[] {"events", "records", "rows", "seconds"}) {
            if (lower.contains(noun)) {
                return noun;
            }
        }
        return "";
    }

    /** A round step giving about four ticks: 1, 2 or 5 times a power of ten. */
    static double step(double max) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
    }

    private static String tickLabel(double tick, double step) {
        return step >= 1 ? String.format(Locale.ROOT, "%,d", Math.round(tick))
                : String.format(Locale.ROOT, "%." + (int) Math.ceil(-Math.log10(step)) + "f", tick);
    }
}
