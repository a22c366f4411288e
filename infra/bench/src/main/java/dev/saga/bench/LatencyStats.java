package dev.saga.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of latencies in milliseconds, by the nearest-rank method: p99 of 100 values is the 99th
 * smallest, so a reported percentile is always a latency that really happened, never an interpolation.
 */
record LatencyStats(int count, double mean, double p50, double p95, double p99, double max) {

    static final LatencyStats NONE = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static LatencyStats of(Collection<Double> millis) {
        return of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static LatencyStats of(double[] millis) {
        if (millis.length == 0) {
            return NONE;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new LatencyStats(sorted.length, sum / sorted.length, rank(sorted, 0.50), rank(sorted, 0.95),
                rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code quantile} of all values at or below it. */
    static double rank(double[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** The median of repeated measurements (the lower middle one for an even count, again a real value). */
    static double median(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(sorted.length - 1) / 2];
    }
}
