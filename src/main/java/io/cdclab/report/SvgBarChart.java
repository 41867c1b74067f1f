package io.cdclab.report;

import java.util.Map;

/** A horizontal bar chart as inline SVG: readable from disk, no script, no network. */
final class SvgBarChart {
    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final int LABEL_WIDTH = 160;
    private static final int PLOT_WIDTH = 420;

    private SvgBarChart() {
    }

    static String render(String caption, Map<String, ? extends Number> bars) {
        double max = bars.values().stream().mapToDouble(Number::doubleValue).max().orElse(0);
        int height = bars.size() * (BAR + GAP) + GAP;
        int width = LABEL_WIDTH + PLOT_WIDTH + 80;
        StringBuilder svg = new StringBuilder("<figure><figcaption>").append(ReportWriter.esc(caption))
                .append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"system-ui,sans-serif\" font-size=\"12\">");
        int y = GAP;
        for (Map.Entry<String, ? extends Number> bar : bars.entrySet()) {
            double value = bar.getValue().doubleValue();
            int length = max <= 0 ? 0 : (int) Math.round(PLOT_WIDTH * value / max);
            svg.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + BAR - 5)
                    .append("\" text-anchor=\"end\">").append(ReportWriter.esc(bar.getKey())).append("</text>")
                    .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"").append(length)
                    .append("\" height=\"").append(BAR).append("\" fill=\"#4a7bb7\"><title>")
                    .append(ReportWriter.esc(bar.getKey() + ": " + ReportWriter.format(bar.getValue()))).append("</title></rect>")
                    .append("<text x=\"").append(LABEL_WIDTH + length + 4).append("\" y=\"").append(y + BAR - 5).append("\">")
                    .append(ReportWriter.esc(ReportWriter.format(bar.getValue()))).append("</text>");
            y += BAR + GAP;
        }
        return svg.append("</svg></figure>\n").toString();
    }
}
