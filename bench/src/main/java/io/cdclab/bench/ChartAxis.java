package io.cdclab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear value axis from 0: a round top and round ticks (1, 2 or 5 times a power of ten), and SVG escaping. */
record ChartAxis(double top, double step) {

    static ChartAxis upTo(double max, int ticks) {
        if (max <= 0) {
            return new ChartAxis(1, 1.0 / ticks);
        }
        double raw = max / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
        return new ChartAxis(Math.ceil(max / step - 1e-9) * step, step);
    }

    List<Double> ticks() {
        List<Double> t = new ArrayList<>();
        for (double v = 0; v <= top + step / 2; v += step) {
            t.add(v);
        }
        return t;
    }

    /** Where {@code value} falls on an axis {@code length} pixels long. */
    int at(double value, int length) {
        return (int) Math.round(length * Math.min(value, top) / top);
    }

    static String label(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    static String esc(Object text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
