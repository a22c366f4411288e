package dev.saga.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each work queue is consumed ({@code saga.consumer.*}): bounded prefetch, consumer threads, and batches.
 *
 * <p>A consumer takes the messages that are there, up to {@code batchSize}, handles them in one transaction and
 * acknowledges them together: one commit and one quorum-queue settlement for many messages when a queue is
 * busy. It gathers a batch for at most {@code batchWindow} after it started waiting, so when a queue is quiet
 * a message is handled alone, at once. {@code pollTimeout} is how long a consumer waits for a message before it
 * looks again; a message that arrives within the window after a look can wait up to that long for a next one.
 *
 * <p>One consumer per queue by default: batches of one queue taken in parallel could lock a participant's rows
 * in opposite orders and deadlock. The orchestrator, which locks only saga rows and takes each batch in saga id
 * order, runs more.
 */
@ConfigurationProperties("saga.consumer")
public record ConsumerSettings(
        @DefaultValue("20") int prefetch,
        @DefaultValue("1") int concurrency,
        @DefaultValue("10") int batchSize,
        @DefaultValue("1ms") Duration batchWindow,
        @DefaultValue("5ms") Duration pollTimeout) {
}
