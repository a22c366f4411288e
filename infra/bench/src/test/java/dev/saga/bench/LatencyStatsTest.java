package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesOfAHundredValuesAreTheValuesAtThoseRanks() {
        double[] oneToHundred = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();

        LatencyStats stats = LatencyStats.of(oneToHundred);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isEqualTo(50);
        assertThat(stats.p95()).isEqualTo(95);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void aSingleSlowOutlierShowsInTheMaxButNotInTheMedian() {
        double[] values = new double[1000];
        java.util.Arrays.fill(values, 10);
        values[17] = 5000;

        LatencyStats stats = LatencyStats.of(values);

        assertThat(stats.p50()).isEqualTo(10);
        assertThat(stats.p99()).isEqualTo(10);
        assertThat(stats.max()).isEqualTo(5000);
    }

    @Test
    void aPercentileIsAlwaysAMeasuredValue() {
        LatencyStats stats = LatencyStats.of(new double[] {3, 1, 2});

        assertThat(stats.p50()).isEqualTo(2);
        assertThat(stats.p95()).isEqualTo(3);
        assertThat(List.of(1.0, 2.0, 3.0)).contains(stats.p99());
    }

    @Test
    void noValuesGiveNoFigures() {
        assertThat(LatencyStats.of(new double[0]).count()).isZero();
        assertThat(LatencyStats.of(new double[0]).p50()).isNaN();
    }

    @Test
    void theMedianOfRepeatsIsOneOfTheRepeats() {
        assertThat(LatencyStats.median(List.of(180.0, 150.0, 210.0))).isEqualTo(180.0);
        assertThat(LatencyStats.median(List.of(180.0, 150.0))).isEqualTo(150.0);
    }
}
