package dev.saga.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * One consumer's batch sizes as Prometheus exposes a Micrometer distribution summary with fixed buckets:
 * cumulative counts by upper bound ({@code le}, {@code +Inf} as infinity), the number of batches and the sum of
 * their sizes. Two readings subtract to a window's; quantiles are bucket bounds ("≤ 4"), the only precision the
 * buckets have.
 */
record BatchHistogram(TreeMap<Double, Double> buckets, double count, double sum) {

    static final BatchHistogram EMPTY = new BatchHistogram(new TreeMap<>(), 0, 0);

    /** What the window between {@code before} and this reading added; a restarted process starts from zero. */
    BatchHistogram since(BatchHistogram before) {
        if (before == null || count < before.count) {
            return this;
        }
        TreeMap<Double, Double> delta = new TreeMap<>();
        buckets.forEach((le, cumulative) -> delta.put(le, cumulative - before.buckets.getOrDefault(le, 0.0)));
        return new BatchHistogram(delta, count - before.count, sum - before.sum);
    }

    /** Adds another label set's series of the same consumer (bucket counts add up, cumulative as they are). */
    BatchHistogram plus(BatchHistogram other) {
        TreeMap<Double, Double> total = new TreeMap<>(buckets);
        other.buckets.forEach((le, cumulative) -> total.merge(le, cumulative, Double::sum));
        return new BatchHistogram(total, count + other.count, sum + other.sum);
    }

    /**
     * The smallest bucket bound that holds the nearest-rank quantile (as {@link LatencyStats}): "≤ 4", or
     * "> 64" when only the open bucket does; null without batches.
     */
    String quantileBound(double quantile) {
        if (count <= 0) {
            return null;
        }
        double rank = Math.max(1, Math.ceil(quantile * count));
        Double previous = null;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey().isInfinite() ? "> " + bound(previous) : "≤ " + bound(bucket.getKey());
            }
            previous = bucket.getKey();
        }
        return previous == null ? null : "> " + bound(previous);
    }

    Double mean() {
        return count > 0 ? sum / count : null;
    }

    private static String bound(Double le) {
        if (le == null) {
            return "0";
        }
        return le == Math.rint(le) ? String.valueOf(le.longValue()) : String.valueOf(le);
    }
}
