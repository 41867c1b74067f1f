package io.cdclab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Timeline} as inline SVG: counts per second as step curves over a time axis, the shaded window behind
 * them, numbered marks across the whole chart, and one lane of connector states below. The marks are explained
 * in a list under the chart, where long texts can wrap. About 1060 px wide, so it fits a 1200 px window.
 */
final class SvgTimeline {
    private static final int WIDTH = 1060;
    private static final int LEFT = 120;
    private static final int RIGHT = 20;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int TOP = 26;
    private static final int PLOT_HEIGHT = 160;
    private static final int LANE = 14;
    private static final int LANE_GAP = 6;
    private static final String[] SERIES_COLOURS = {"#2f6db5", "#e8912d", "#7b4fa6"};
    private static final Map<String, String> STATE_COLOURS = Map.of(
            "RUNNING", "#5aa469", "FAILED", "#c0392b", "NO ANSWER", "#555555", "UNASSIGNED", "#e5b03a",
            "RESTARTING", "#b9770e", "STOPPED", "#8fa8c8", "PAUSED", "#5d7ea8", "NO TASKS", "#c9c9c9");
    private static final String OTHER_STATE = "#9b59b6";
    /** A batch landing at once can be 50 times the write rate: the axis stops at this many times the first curve. */
    private static final int CUT_AT_TIMES_FIRST = 5;
    private static final int LEGEND_LINE = 16;

    private SvgTimeline() {
    }

    static String render(Timeline t) {
        double[] range = t.range();
        double from = range[0];
        double to = range[1];
        double xStep = SvgBarChart.step((to - from) / 2);
        long max = t.series().stream().flatMap(s -> s.perSecond().values().stream()).mapToLong(Long::longValue)
                .max().orElse(0);
        long firstMax = t.series().isEmpty() ? 0 : t.series().get(0).perSecond().values().stream()
                .mapToLong(Long::longValue).max().orElse(0);
        // So that the write rate stays readable next to the bursts; a cut burst has its value written at the top.
        if (firstMax > 0 && max > CUT_AT_TIMES_FIRST * firstMax) {
            max = CUT_AT_TIMES_FIRST * firstMax;
        }
        double yStep = SvgBarChart.step(max);
        double yTop = max <= 0 ? 1 : Math.ceil(max / yStep - 1e-9) * yStep;
        int axisY = TOP + PLOT_HEIGHT;
        int lanesTop = axisY + 44;
        int lanesBottom = lanesTop + t.lanes().size() * (LANE + LANE_GAP);
        List<String[]> legend = legendItems(t);
        int height = lanesBottom + 26 + LEGEND_LINE * (legendLines(legend) - 1);
        Scale x = new Scale(from, to, LEFT, LEFT + PLOT_WIDTH);

        StringBuilder svg = new StringBuilder("<figure class=\"timeline\"><figcaption>").append(ReportWriter.esc(t.caption()))
                .append("</figcaption><svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" style=\"max-width:100%;height:auto\" font-family=\"system-ui,sans-serif\" "
                        + "font-size=\"12\"><title>").append(ReportWriter.esc(t.caption())).append("</title>");
        // The window first, so that everything else is drawn over it.
        if (t.shaded() != null) {
            double x0 = x.at(t.shaded().from());
            double x1 = x.at(t.shaded().to());
            svg.append("<rect class=\"outage\" x=\"").append(f(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
                    .append(f(Math.max(1, x1 - x0))).append("\" height=\"").append(lanesBottom - TOP)
                    .append("\" fill=\"#f4c7c3\" fill-opacity=\"0.6\"><title>").append(ReportWriter.esc(t.shaded().label()))
                    .append("</title></rect><text x=\"").append(f(x0 + 4)).append("\" y=\"").append(TOP + 13)
                    .append("\" fill=\"#8c1d18\">").append(ReportWriter.esc(t.shaded().label())).append("</text>");
        }
        // Value axis: grid lines, tick labels and the unit, written upwards along the axis.
        for (double tick = 0; tick <= yTop + yStep / 2; tick += yStep) {
            double y = axisY - PLOT_HEIGHT * tick / yTop;
            svg.append(line(LEFT, y, LEFT + PLOT_WIDTH, y, "#e4e4e4")).append("<text x=\"").append(LEFT - 6)
                    .append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\" fill=\"#555\">")
                    .append(tickLabel(tick, yStep)).append("</text>");
        }
        svg.append("<text transform=\"translate(").append(LEFT - 44).append(',').append(TOP + PLOT_HEIGHT / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">").append(ReportWriter.esc(t.unit()))
                .append("</text>");
        // Time axis.
        for (double tick = Math.ceil(from / xStep) * xStep; tick <= to + 1e-9; tick += xStep) {
            double px = x.at(tick);
            svg.append(line(px, axisY, px, axisY + 4, "#555")).append("<text x=\"").append(f(px)).append("\" y=\"")
                    .append(axisY + 17).append("\" text-anchor=\"middle\" fill=\"#555\">").append(tickLabel(tick, xStep))
                    .append("</text>");
        }
        svg.append(line(LEFT, axisY, LEFT + PLOT_WIDTH, axisY, "#555")).append(line(LEFT, TOP, LEFT, axisY, "#555"))
                .append("<text x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(axisY + 33)
                .append("\" text-anchor=\"middle\" fill=\"#333\">seconds from the fault</text>");
        // Series: the later ones as filled areas behind, the first as a line on top.
        for (int i = t.series().size() - 1; i >= 0; i--) {
            svg.append(series(t.series().get(i), i, x, axisY, yTop));
        }
        svg.append(lanes(t, x, lanesTop));
        svg.append(marks(t, x, lanesBottom));
        svg.append(legend(legend, lanesBottom + 18));
        svg.append("</svg>");
        svg.append(markList(t));
        return svg.append("</figure>\n").toString();
    }

    private static String series(Timeline.Series s, int index, Scale x, int axisY, double yTop) {
        if (s.perSecond().isEmpty()) {
            return "";
        }
        String colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
        StringBuilder cut = new StringBuilder();
        double lastCutX = Double.NEGATIVE_INFINITY;
        int cutRow = 0;
        int first = s.perSecond().keySet().stream().min(Integer::compare).orElseThrow();
        int last = s.perSecond().keySet().stream().max(Integer::compare).orElseThrow();
        StringBuilder d = new StringBuilder("M").append(f(x.at(first))).append(',').append(axisY);
        for (int second = first; second <= last; second++) {
            long value = s.perSecond().getOrDefault(second, 0L);
            double y = axisY - PLOT_HEIGHT * Math.min(value, yTop) / yTop;
            if (value > yTop) {
                // Values of neighbouring cut batches go on alternate lines, so they do not run into each other.
                double labelX = x.at(second + 1) + 2;
                cutRow = labelX - lastCutX < 7 * 5 ? 1 - cutRow : 0;
                lastCutX = labelX;
                cut.append("<text x=\"").append(f(labelX)).append("\" y=\"").append(TOP + 24 + 11 * cutRow)
                        .append("\" font-size=\"10\" fill=\"").append(colour).append("\">").append(value).append("</text>");
            }
            d.append(" V").append(f(y)).append(" H").append(f(x.at(second + 1)));
        }
        d.append(" V").append(axisY);
        String paint = index == 0 ? "fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.8\""
                : "fill=\"" + colour + "\" fill-opacity=\"0.45\" stroke=\"" + colour + "\" stroke-width=\"1\"";
        return "<path class=\"series\" d=\"" + d + "\" " + paint + "><title>" + ReportWriter.esc(s.name())
                + "</title></path>" + cut;
    }

    private static String lanes(Timeline t, Scale x, int top) {
        StringBuilder out = new StringBuilder();
        int y = top;
        for (Timeline.Lane lane : t.lanes()) {
            out.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + LANE - 3)
                    .append("\" text-anchor=\"end\">").append(ReportWriter.esc(shorten(lane.name(), 18))).append("</text>");
            for (Timeline.Span span : lane.spans()) {
                double x0 = x.at(span.from());
                out.append("<rect class=\"state\" x=\"").append(f(x0)).append("\" y=\"").append(y).append("\" width=\"")
                        .append(f(Math.max(1, x.at(span.to()) - x0))).append("\" height=\"").append(LANE)
                        .append("\" fill=\"").append(STATE_COLOURS.getOrDefault(span.state(), OTHER_STATE))
                        .append("\"><title>").append(ReportWriter.esc(lane.name() + ": " + span.state() + " from "
                                + seconds(span.from()) + " to " + seconds(span.to()))).append("</title></rect>");
            }
            y += LANE + LANE_GAP;
        }
        return out.toString();
    }

    private static String marks(Timeline t, Scale x, int bottom) {
        StringBuilder out = new StringBuilder();
        List<Timeline.Mark> marks = sorted(t);
        double previousX = Double.NEGATIVE_INFINITY;
        int row = 0;
        for (int i = 0; i < marks.size(); i++) {
            Timeline.Mark mark = marks.get(i);
            double px = x.at(mark.at());
            // Numbers of marks closer than a badge's width go on a second row, so they stay readable.
            row = px - previousX < 18 ? 1 - row : 0;
            previousX = px;
            String colour = colour(mark.kind());
            int cy = TOP - 10;
            out.append("<line class=\"mark\" x1=\"").append(f(px)).append("\" y1=\"").append(TOP - 2).append("\" x2=\"")
                    .append(f(px)).append("\" y2=\"").append(bottom).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1.5\"").append(mark.kind() == Timeline.MarkKind.FAULT ? "" : " stroke-dasharray=\"5 3\"")
                    .append("><title>").append(ReportWriter.esc(mark.label())).append("</title></line>")
                    .append("<circle cx=\"").append(f(px + row * 16)).append("\" cy=\"").append(cy).append("\" r=\"8\" fill=\"")
                    .append(colour).append("\"/><text x=\"").append(f(px + row * 16)).append("\" y=\"").append(cy + 4)
                    .append("\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"11\">").append(i + 1).append("</text>");
        }
        return out.toString();
    }

    /** Legend entries as {colour, label, kind}: a line for the first curve, a swatch for everything else. */
    private static List<String[]> legendItems(Timeline t) {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < t.series().size(); i++) {
            items.add(new String[] {SERIES_COLOURS[i % SERIES_COLOURS.length], t.series().get(i).name(), i == 0 ? "line" : "box"});
        }
        if (t.shaded() != null) {
            items.add(new String[] {"#f4c7c3", "outage", "box"});
        }
        for (String state : states(t)) {
            items.add(new String[] {STATE_COLOURS.getOrDefault(state, OTHER_STATE), state, "box"});
        }
        return items;
    }

    private static double itemWidth(String[] item) {
        return 18 + 7 * item[1].length() + 18;
    }

    private static int legendLines(List<String[]> items) {
        int lines = 1;
        double px = LEFT;
        for (String[] item : items) {
            if (px + itemWidth(item) > WIDTH - RIGHT && px > LEFT) {
                lines++;
                px = LEFT;
            }
            px += itemWidth(item);
        }
        return lines;
    }

    private static String legend(List<String[]> items, int y) {
        StringBuilder out = new StringBuilder();
        double px = LEFT;
        for (String[] item : items) {
            if (px + itemWidth(item) > WIDTH - RIGHT && px > LEFT) {
                y += LEGEND_LINE;
                px = LEFT;
            }
            boolean line = item[2].equals("line");
            out.append("<rect x=\"").append(f(px)).append("\" y=\"").append(line ? y - 6 : y - 9)
                    .append("\" width=\"14\" height=\"").append(line ? 3 : 10).append("\" fill=\"").append(item[0])
                    .append("\"/><text x=\"").append(f(px + 18)).append("\" y=\"").append(y).append("\">")
                    .append(ReportWriter.esc(item[1])).append("</text>");
            px += itemWidth(item);
        }
        return out.toString();
    }

    private static List<String> states(Timeline t) {
        return t.lanes().stream().flatMap(l -> l.spans().stream()).map(Timeline.Span::state).distinct().sorted().toList();
    }

    /** The marks explained, numbered as on the chart. */
    private static String markList(Timeline t) {
        List<Timeline.Mark> marks = sorted(t);
        if (marks.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<ol class=\"marks\">");
        for (Timeline.Mark mark : marks) {
            out.append("<li><span style=\"color:").append(colour(mark.kind())).append(";font-weight:600\">")
                    .append(mark.kind().name().toLowerCase(Locale.ROOT)).append(" at ").append(seconds(mark.at()))
                    .append("</span>: ").append(ReportWriter.esc(mark.label())).append("</li>");
        }
        return out.append("</ol>").toString();
    }

    private static List<Timeline.Mark> sorted(Timeline t) {
        List<Timeline.Mark> marks = new ArrayList<>(t.marks());
        marks.sort(Comparator.comparingDouble(Timeline.Mark::at));
        return marks;
    }

    private static String colour(Timeline.MarkKind kind) {
        return switch (kind) {
            case FAULT -> "#b3261e";
            case ACTION -> "#1f7a3a";
            case RECOVERED -> "#1f4e9a";
        };
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
                + colour + "\"/>";
    }

    private static String tickLabel(double tick, double step) {
        return step >= 1 ? String.format(Locale.ROOT, "%,d", Math.round(tick))
                : String.format(Locale.ROOT, "%." + (int) Math.ceil(-Math.log10(step)) + "f", tick);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Seconds to pixels. */
    private record Scale(double from, double to, double left, double right) {
        double at(double seconds) {
            return left + (right - left) * (seconds - from) / (to - from);
        }
    }
}
