package dev.saga.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each queue is consumed ({@code saga.consumer.*}): {@code concurrency} consumers, each on its own channel
 * with its own thread, hand their handler up to {@code batchSize} messages that are already delivered. The
 * broker keeps at least two batches in flight per consumer ({@link #effectivePrefetch()}), so while one batch
 * is handled the next one is already buffered and nothing ever waits to gather it.
 *
 * @param prefetch The unacknowledged messages the broker may deliver to each consumer; at least twice the batch
 *                 size is used.
 * @param concurrency How many consumers each queue gets, each on its own channel and thread.
 * @param batchSize The most messages a consumer hands its handler at once, of those already delivered.
 */
@ConfigurationProperties("saga.consumer")
public record ConsumerSettings(
        @DefaultValue("20") int prefetch,
        @DefaultValue("2") int concurrency,
        @DefaultValue("16") int batchSize) {

    public ConsumerSettings {
        atLeastOne("saga.consumer.prefetch", prefetch);
        atLeastOne("saga.consumer.concurrency", concurrency);
        atLeastOne("saga.consumer.batch-size", batchSize);
    }

    /** The basic.qos each consumer asks for: the configured prefetch, but never less than two batches. */
    public int effectivePrefetch() {
        return Math.max(prefetch, 2 * batchSize);
    }

    /** Names the property as it is configured: the start-up failure report shows this message as its reason. */
    private static void atLeastOne(String property, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, not " + value);
        }
    }
}
