package io.cdclab.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a timeline chart shows, in seconds from an origin (a fault's injection is second 0): counts per second
 * (e.g. rows committed in PostgreSQL, rows landing in Iceberg), one lane of states per connector, marks on the
 * time axis (the fault, the recovery action) and one shaded window (the outage). Rendered by {@link SvgTimeline};
 * kept as data in the page's JSON.
 *
 * @param unit what the counts are, for the value axis, e.g. "row changes per second"
 */
public record Timeline(String caption, String unit, List<Series> series, List<Lane> lanes, List<Mark> marks,
                       Window shaded) {

    public Timeline {
        series = List.copyOf(series);
        lanes = List.copyOf(lanes);
        marks = List.copyOf(marks);
    }

    /** Counts per whole second: key {@code s} counts what happened in [s, s+1). */
    public record Series(String name, Map<Integer, Long> perSecond) {
        public Series {
            perSecond = new TreeMap<>(perSecond);
        }
    }

    /** One connector's states over time: consecutive spans, each with the state seen throughout it. */
    public record Lane(String name, List<Span> spans) {
        public Lane {
            spans = List.copyOf(spans);
        }
    }

    public record Span(double from, double to, String state) {
    }

    public enum MarkKind { FAULT, ACTION, RECOVERED }

    public record Mark(double at, MarkKind kind, String label) {
    }

    /** A shaded stretch of time; {@code to < from} is not allowed. */
    public record Window(double from, double to, String label) {
        public Window {
            if (to < from) {
                throw new IllegalArgumentException("a window ends before it starts: " + from + " s to " + to + " s");
            }
        }
    }

    /** The time range the chart spans: every series, span, mark and the window. */
    double[] range() {
        double min = 0;
        double max = 0;
        for (Series s : series) {
            for (int second : s.perSecond().keySet()) {
                min = Math.min(min, second);
                max = Math.max(max, second + 1);
            }
        }
        for (Lane lane : lanes) {
            for (Span span : lane.spans()) {
                min = Math.min(min, span.from());
                max = Math.max(max, span.to());
            }
        }
        for (Mark mark : marks) {
            min = Math.min(min, mark.at());
            max = Math.max(max, mark.at());
        }
        if (shaded != null) {
            min = Math.min(min, shaded.from());
            max = Math.max(max, shaded.to());
        }
        return new double[] {min, max <= min ? min + 1 : max};
    }
}
