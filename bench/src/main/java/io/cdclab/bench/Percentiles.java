package io.cdclab.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nearest-rank percentiles of a list of durations in milliseconds. */
final class Percentiles {
    private Percentiles() {
    }

    static long of(List<Long> sortedMillis, double percentile) {
        if (sortedMillis.isEmpty()) {
            throw new IllegalArgumentException("no values to take the p" + percentile + " of");
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedMillis.size());
        return sortedMillis.get(Math.max(0, Math.min(sortedMillis.size() - 1, rank - 1)));
    }

    /** min, p50, p95, p99, max and the count. */
    static Map<String, Long> summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("count", (long) sorted.size());
        m.put("min_ms", sorted.get(0));
        m.put("p50_ms", of(sorted, 50));
        m.put("p95_ms", of(sorted, 95));
        m.put("p99_ms", of(sorted, 99));
        m.put("max_ms", sorted.get(sorted.size() - 1));
        return m;
    }
}
