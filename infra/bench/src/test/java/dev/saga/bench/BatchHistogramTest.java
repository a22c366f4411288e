package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchHistogramTest {

    private static BatchHistogram histogram(long[] cumulative, long sum) {
        return PrometheusText.batchSizes(PrometheusTextTest.exposition("q", cumulative, sum)).get("q");
    }

    @Test
    void theMedianAndP99AreTheBucketBoundsThatHoldTheirRank() {
        // 100 batches: 50 of one message, 30 of up to 4, 19 of up to 16, one of up to 64.
        BatchHistogram window = histogram(new long[] {50, 50, 80, 80, 99, 99, 100, 100}, 400);

        assertThat(window.quantileBound(0.5)).isEqualTo("≤ 1");
        assertThat(window.quantileBound(0.51)).isEqualTo("≤ 4");
        assertThat(window.quantileBound(0.99)).isEqualTo("≤ 16");
        assertThat(window.quantileBound(1.0)).isEqualTo("≤ 64");
        assertThat(window.mean()).isEqualTo(4.0);
    }

    @Test
    void batchesBeyondTheLastBoundAreReportedAsAboveIt() {
        BatchHistogram window = histogram(new long[] {0, 0, 0, 0, 0, 0, 1, 10}, 900);

        assertThat(window.quantileBound(0.5)).isEqualTo("> 64");
    }

    @Test
    void aWindowIsTheDifferenceOfTwoReadings() {
        BatchHistogram before = histogram(new long[] {10, 10, 10, 10, 10, 10, 10, 10}, 10);
        BatchHistogram after = histogram(new long[] {12, 12, 20, 30, 30, 30, 30, 30}, 130);

        BatchHistogram window = after.since(before);

        // 20 batches in the window: 2 of one message, 8 of up to 4, 10 of up to 8; 120 messages.
        assertThat(window.count()).isEqualTo(20);
        assertThat(window.mean()).isEqualTo(6.0);
        assertThat(window.quantileBound(0.5)).isEqualTo("≤ 4");
        assertThat(window.quantileBound(0.99)).isEqualTo("≤ 8");
    }

    @Test
    void aRestartedProcessCountsFromZero() {
        BatchHistogram before = histogram(new long[] {100, 100, 100, 100, 100, 100, 100, 100}, 100);
        BatchHistogram after = histogram(new long[] {0, 0, 0, 5, 5, 5, 5, 5}, 40);

        assertThat(after.since(before)).isEqualTo(after);
        assertThat(after.since(null)).isEqualTo(after);
    }

    @Test
    void noBatchesHaveNoQuantiles() {
        BatchHistogram window = histogram(new long[8], 0);

        assertThat(window.quantileBound(0.5)).isNull();
        assertThat(window.mean()).isNull();
    }
}
