package dev.saga.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a queue's consumer counts: the size of every batch handed to the handler
 * ({@value #BATCH_SIZE}, with buckets up to 64 so medians and p99 can be read from Prometheus), and every batch
 * that failed and was handed again one message at a time ({@value #BATCH_SPLIT}, by cause), and every
 * subscription lost with its channel or cancelled by the broker ({@value #SUBSCRIPTION_LOST}). Every meter is
 * tagged with the queue and the consumer's labels.
 */
final class ConsumerMetrics {

    static final String BATCH_SIZE = "saga.consumer.batch.size";
    static final String BATCH_SPLIT = "saga.consumer.batch.split";
    static final String SUBSCRIPTION_LOST = "saga.consumer.subscription.lost";
    /** The cause of a split on a PostgreSQL deadlock (SQLSTATE 40P01). */
    static final String DEADLOCK = "deadlock";
    private static final String DEADLOCK_STATE = "40P01";

    private final MeterRegistry registry;
    private final Tags tags;
    private final DistributionSummary batchSize;
    private final Counter subscriptionLost;

    ConsumerMetrics(MeterRegistry registry, String queue) {
        this(registry, queue, Map.of());
    }

    ConsumerMetrics(MeterRegistry registry, String queue, Map<String, String> labels) {
        this.registry = registry;
        this.tags = Tags.of("queue", queue).and(labels.entrySet().stream()
                .map(label -> Tag.of(label.getKey(), label.getValue())).toList());
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Messages handed to the handler at once")
                .tags(tags)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
        this.subscriptionLost = Counter.builder(SUBSCRIPTION_LOST)
                .description("Subscriptions lost with their channel or cancelled by the broker")
                .tags(tags)
                .register(registry);
    }

    void subscriptionLost() {
        subscriptionLost.increment();
    }

    void handed(int size) {
        batchSize.record(size);
    }

    /** Counts a failed batch that is handed again message by message; returns the cause it was counted under. */
    String split(RuntimeException failure) {
        String cause = causeOf(failure);
        Counter.builder(BATCH_SPLIT)
                .description("Batches handled again one message at a time after their handler failed")
                .tags(tags)
                .tag("cause", cause)
                .register(registry)
                .increment();
        return cause;
    }

    /** {@value #DEADLOCK} when a PostgreSQL deadlock is somewhere in the chain, otherwise the exception's name. */
    static String causeOf(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && DEADLOCK_STATE.equals(sql.getSQLState())) {
                return DEADLOCK;
            }
        }
        return failure.getClass().getSimpleName();
    }
}
