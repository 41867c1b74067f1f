package io.cdclab.verify;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How evenly records spread over a topic's partitions: the count per partition, max/min (infinite when a
 * partition got nothing), the coefficient of variation (standard deviation / mean) and Pearson's chi-square
 * against a uniform spread (degrees of freedom = partitions - 1; 11.07 is the 5% critical value for 6 partitions).
 */
public record PartitionSpread(long[] counts) {

    public static PartitionSpread of(List<ChangeEvent> events, int partitions) {
        long[] counts = new long[partitions];
        for (ChangeEvent event : events) {
            if (event.partition() < 0 || event.partition() >= partitions) {
                throw new IllegalArgumentException(event + " is outside partitions 0.." + (partitions - 1));
            }
            counts[event.partition()]++;
        }
        return new PartitionSpread(counts);
    }

    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    public long max() {
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        return max;
    }

    public long min() {
        long min = Long.MAX_VALUE;
        for (long c : counts) {
            min = Math.min(min, c);
        }
        return min;
    }

    public int partitionsUsed() {
        int used = 0;
        for (long c : counts) {
            used += c > 0 ? 1 : 0;
        }
        return used;
    }

    public double maxOverMin() {
        return min() == 0 ? Double.POSITIVE_INFINITY : (double) max() / min();
    }

    public double coefficientOfVariation() {
        double mean = mean();
        return mean == 0 ? 0 : Math.sqrt(squaredDeviations(mean) / counts.length) / mean;
    }

    public double chiSquare() {
        double expected = mean(); // a uniform spread puts the mean in every partition
        return expected == 0 ? 0 : squaredDeviations(expected) / expected;
    }

    private double mean() {
        return (double) total() / counts.length;
    }

    /** The sum of each count's squared distance from {@code mean}: the variance's and chi-square's numerator. */
    private double squaredDeviations(double mean) {
        double squares = 0;
        for (long c : counts) {
            squares += (c - mean) * (c - mean);
        }
        return squares;
    }

    /** Bars for a chart: {@code p0 -> count}, in partition order. */
    public Map<String, Long> bars(String prefix) {
        Map<String, Long> bars = new LinkedHashMap<>();
        for (int p = 0; p < counts.length; p++) {
            bars.put(prefix + "p" + p, counts[p]);
        }
        return bars;
    }

    @Override
    public String toString() {
        return Arrays.toString(counts) + String.format(" max/min=%.2f cv=%.3f chi2=%.1f", maxOverMin(),
                coefficientOfVariation(), chiSquare());
    }
}
