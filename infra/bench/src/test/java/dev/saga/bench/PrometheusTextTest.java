package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** What Micrometer's Prometheus registry writes for a summary with service-level-objective buckets. */
    static String exposition(String queue, long[] cumulative, long sum) {
        String[] bounds = {"1.0", "2.0", "4.0", "8.0", "16.0", "32.0", "64.0", "+Inf"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bounds.length; i++) {
            text.append("saga_consumer_batch_size_bucket{queue=\"").append(queue).append("\",le=\"").append(bounds[i])
                    .append("\"} ").append(cumulative[i]).append('\n');
        }
        text.append("saga_consumer_batch_size_count{queue=\"").append(queue).append("\"} ")
                .append(cumulative[bounds.length - 1]).append('\n');
        text.append("saga_consumer_batch_size_sum{queue=\"").append(queue).append("\"} ").append(sum).append(".0\n");
        text.append("saga_consumer_batch_size_max{queue=\"").append(queue).append("\"} 9.0\n");
        return text.toString();
    }

    @Test
    void readsEachQueuesBucketsCountAndSumAndIgnoresTheRest() {
        String text = """
                # HELP jvm_threads_live_threads The current number of live threads
                # TYPE jvm_threads_live_threads gauge
                jvm_threads_live_threads 42.0
                # HELP saga_consumer_batch_size
                # TYPE saga_consumer_batch_size histogram
                """ + exposition("orchestrator.replies", new long[] {5, 7, 9, 10, 10, 10, 10, 10}, 25)
                + exposition("orchestrator.saga-starts", new long[] {0, 0, 0, 1, 2, 2, 2, 2}, 20);

        Map<String, BatchHistogram> histograms = PrometheusText.batchSizes(text);

        assertThat(histograms).containsOnlyKeys("orchestrator.replies", "orchestrator.saga-starts");
        BatchHistogram replies = histograms.get("orchestrator.replies");
        assertThat(replies.count()).isEqualTo(10);
        assertThat(replies.sum()).isEqualTo(25);
        assertThat(replies.buckets()).containsEntry(1.0, 5.0).containsEntry(4.0, 9.0)
                .containsEntry(Double.POSITIVE_INFINITY, 10.0).hasSize(8);
    }

    @Test
    void addsUpSeriesOfOneQueueWithFurtherLabelsAndAcceptsABaseUnitAndExemplars() {
        String text = """
                saga_consumer_batch_size_messages_bucket{app="a",queue="inv.cmd",le="1.0"} 3
                saga_consumer_batch_size_messages_bucket{app="a",queue="inv.cmd",le="+Inf"} 4
                saga_consumer_batch_size_messages_count{app="a",queue="inv.cmd"} 4
                saga_consumer_batch_size_messages_sum{app="a",queue="inv.cmd"} 6.0
                saga_consumer_batch_size_messages_bucket{app="b",queue="inv.cmd",le="1.0"} 1
                saga_consumer_batch_size_messages_bucket{app="b",queue="inv.cmd",le="+Inf"} 2 # {span_id="a"} 1
                saga_consumer_batch_size_messages_count{app="b",queue="inv.cmd"} 2
                saga_consumer_batch_size_messages_sum{app="b",queue="inv.cmd"} 3.0
                """;

        BatchHistogram commands = PrometheusText.batchSizes(text).get("inv.cmd");

        assertThat(commands.count()).isEqualTo(6);
        assertThat(commands.sum()).isEqualTo(9);
        assertThat(commands.buckets()).containsEntry(1.0, 4.0).containsEntry(Double.POSITIVE_INFINITY, 6.0);
    }

    @Test
    void aServiceWithoutTheMetricHasNoHistograms() {
        assertThat(PrometheusText.batchSizes("jvm_threads_live_threads 42.0\nsaga_duration_seconds_count 3\n"))
                .isEmpty();
    }
}
