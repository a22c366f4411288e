package dev.saga.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the consumers' batch-size histograms out of a Prometheus text exposition (what
 * {@code /actuator/prometheus} returns): the series {@code saga_consumer_batch_size_bucket}, {@code _count} and
 * {@code _sum}, by their {@code queue} label. A base unit Micrometer appends to the name
 * ({@code saga_consumer_batch_size_messages_bucket}) is accepted; series with further labels (an application
 * tag, say) are added up per queue.
 */
final class PrometheusText {

    static final String BATCH_SIZE = "saga_consumer_batch_size";

    private static final Pattern SAMPLE = Pattern.compile(
            "^" + BATCH_SIZE + "(?:_[a-z]+)??_(bucket|count|sum)\\{([^}]*)}\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** Queue name to its histogram; empty when the text has no such metric. */
    static Map<String, BatchHistogram> batchSizes(String text) {
        Map<String, Series> byLabels = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = labels(sample.group(2));
            String le = labels.remove("le");
            String queue = labels.getOrDefault("queue", "");
            Series series = byLabels.computeIfAbsent(labels.toString(), k -> new Series(queue));
            double value = Double.parseDouble(sample.group(3));
            switch (sample.group(1)) {
                case "bucket" -> {
                    if (le != null) {
                        series.buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                                value);
                    }
                }
                case "count" -> series.count = value;
                default -> series.sum = value;
            }
        }
        Map<String, BatchHistogram> byQueue = new TreeMap<>();
        for (Series series : byLabels.values()) {
            byQueue.merge(series.queue, new BatchHistogram(series.buckets, series.count, series.sum),
                    BatchHistogram::plus);
        }
        return byQueue;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return labels;
    }

    private static final class Series {
        private final String queue;
        private final TreeMap<Double, Double> buckets = new TreeMap<>();
        private double count;
        private double sum;

        private Series(String queue) {
            this.queue = queue;
        }
    }
}
