package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSizesTest {

    private static Map<String, BatchHistogram> consumer(String queue, long[] cumulative, long sum) {
        return PrometheusText.batchSizes(PrometheusTextTest.exposition(queue, cumulative, sum));
    }

    @Test
    void eachServicesConsumersGetTheirWindowAndAServiceWithoutTheMetricIsNotAvailable() {
        BatchSizes.Reading before = new BatchSizes.Reading(Map.of(
                "inventory", consumer("inventory.commands", new long[] {4, 4, 4, 4, 4, 4, 4, 4}, 4)));
        BatchSizes.Reading after = new BatchSizes.Reading(Map.of(
                "orchestrator", consumer("orchestrator.replies", new long[] {0, 10, 10, 10, 10, 10, 10, 10}, 20),
                "inventory", consumer("inventory.commands", new long[] {4, 4, 14, 14, 14, 14, 14, 14}, 44)));

        BatchSizes.Window window = BatchSizes.window(List.of("orchestrator", "inventory", "payment"), before, after);

        assertThat(window.byService().get("orchestrator")).containsEntry("orchestrator.replies",
                new BatchSizes.Consumer(10, 20, 2.0, "≤ 2", "≤ 2"));
        assertThat(window.byService().get("inventory")).containsEntry("inventory.commands",
                new BatchSizes.Consumer(10, 40, 4.0, "≤ 4", "≤ 4"));
        assertThat(window.unavailable()).containsExactly("payment");
        assertThat(window.lines()).containsExactly(
                "orchestrator: orchestrator.replies 10 batches, mean 2.0, p50 ≤ 2, p99 ≤ 2",
                "inventory: inventory.commands 10 batches, mean 4.0, p50 ≤ 4, p99 ≤ 4",
                "n/a (no saga_consumer_batch_size metric): payment");
        assertThat(window.summary()).isEqualTo("batch sizes orchestrator.replies p50 ≤ 2, p99 ≤ 2, mean 2.0;"
                + " inventory.commands p50 ≤ 4, p99 ≤ 4, mean 4.0; n/a: payment");
    }

    @Test
    void withoutTheMetricAnywhereEveryServiceIsNotAvailable() {
        BatchSizes.Reading none = new BatchSizes.Reading(Map.of());

        BatchSizes.Window window = BatchSizes.window(List.of("orchestrator", "order"), none, none);

        assertThat(window.summary()).isEqualTo("batch sizes n/a");
        assertThat(window.lines()).containsExactly("n/a (no saga_consumer_batch_size metric): orchestrator, order");
    }
}
