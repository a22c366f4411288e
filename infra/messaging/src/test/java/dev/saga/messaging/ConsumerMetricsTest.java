package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerMetricsTest {

    @Test
    void countsASplitCausedByADeadlockDeepInTheChainAsADeadlock() {
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        RuntimeException failure = new IllegalStateException("could not commit",
                new RuntimeException("statement failed", deadlock));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        assertThat(new ConsumerMetrics(registry, "q").split(failure)).isEqualTo(ConsumerMetrics.DEADLOCK);

        assertThat(registry.get(ConsumerMetrics.BATCH_SPLIT).tag("queue", "q").tag("cause", "deadlock")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void namesAnyOtherSplitByItsExceptionClass() {
        RuntimeException failure = new IllegalArgumentException("no", new SQLException("unique", "23505"));

        assertThat(ConsumerMetrics.causeOf(failure)).isEqualTo("IllegalArgumentException");
    }

    @Test
    void recordsBatchSizesIntoBucketsUpTo64() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerMetrics metrics = new ConsumerMetrics(registry, "q");

        metrics.handed(1);
        metrics.handed(16);

        assertThat(registry.get(ConsumerMetrics.BATCH_SIZE).tag("queue", "q").summary().takeSnapshot()
                .histogramCounts()).extracting(bucket -> bucket.bucket())
                .containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0);
    }

    @Test
    void tagsEveryMeterWithTheConsumersLabels() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerMetrics metrics = new ConsumerMetrics(registry, "q", Map.of("participant", "inventory"));

        metrics.handed(1);
        metrics.subscriptionLost();
        metrics.split(new IllegalStateException("no"));

        assertThat(registry.get(ConsumerMetrics.BATCH_SIZE).tags("queue", "q", "participant", "inventory")
                .summary().count()).isOne();
        assertThat(registry.get(ConsumerMetrics.SUBSCRIPTION_LOST).tags("queue", "q", "participant", "inventory")
                .counter().count()).isOne();
        assertThat(registry.get(ConsumerMetrics.BATCH_SPLIT).tags("queue", "q", "participant", "inventory")
                .counter().count()).isOne();
    }
}
