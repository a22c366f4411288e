package dev.saga.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The names and shapes of every exchange and queue, so code, management UI and the exported definitions
 * file use the same words.
 */
public final class Topology {

    public static final String COMMANDS = "saga.commands";
    public static final String REPLIES = "saga.replies";
    public static final String EVENTS = "saga.events";
    public static final String RETRY = "saga.retry";
    public static final String DEAD_LETTER = "saga.dead-letter";

    /** Deliveries of one message before the broker gives up on a crash-looping consumer and parks it. */
    public static final int DELIVERY_LIMIT = 20;

    /** The broker's nameless direct exchange, which routes to the queue named by the routing key. */

    private Topology() {
    }

    /**
     * The shared exchanges, all topic and durable. They are set up beside the broker ({@code infra/bin/services-up},
     * from {@code infra/rabbitmq/definitions.json}), never declared by a service: no service's broker user may
     * configure them. A service only checks that they exist ({@link SagaExchangeCheck}).
     */
    public static final List<String> EXCHANGES = List.of(COMMANDS, REPLIES, EVENTS, RETRY, DEAD_LETTER);

    /** {@code inventory.commands}: the queue a participant consumes its commands from. */
    public static String commandQueue(String participant) {
        return participant + ".commands";
    }

    /** {@code inventory.commands.dlq}: where messages that could not be handled wait for an operator. */
    public static String parkingQueue(String queue) {
        return queue + ".dlq";
    }

    /** {@code inventory.commands.retry.2}: where a message waits out the delay of its second retry. */
    public static String retryQueue(String queue, int tier) {
        return queue + ".retry." + tier;
    }

    /** {@code inventory.commands.2}: the routing key on {@code saga.retry} that reaches that tier. */
    public static String retryRoutingKey(String queue, int tier) {
        return queue + "." + tier;
    }

    /**
     * A consuming queue: quorum, bounded deliveries, dead-lettered at least once to its parking queue,
     * refusing publishes rather than dropping messages when full; bound to {@code exchange} by each key.
     * With it come its retry tiers, one per delay in {@code retry}.
     */
    public static Declarables workQueue(String queue, RetrySettings retry, String exchange, String... bindingKeys) {
        Queue work = QueueBuilder.durable(queue).quorum()
                .deliveryLimit(DELIVERY_LIMIT)
                .deadLetterExchange(DEAD_LETTER)
                .deadLetterRoutingKey(queue)
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .build();
        Queue parking = QueueBuilder.durable(parkingQueue(queue)).quorum().build();
        List<Declarable> all = new ArrayList<>(List.of(work, parking, bind(parking, DEAD_LETTER, queue)));
        for (String key : bindingKeys) {
            all.add(bind(work, exchange, key));
        }
        if (retry.tiers() > 0) {
            all.add(bind(work, RETRY, queue));
        }
        for (int tier = 1; tier <= retry.tiers(); tier++) {
            Queue waiting = retryTier(queue, tier, retry.delay(tier));
            all.add(waiting);
            all.add(bind(waiting, RETRY, retryRoutingKey(queue, tier)));
        }
        return new Declarables(all);
    }

    /**
     * A tier has no consumer: its per-queue TTL dead-letters each message back to the work queue through the
     * retry exchange, where the work queue is bound by its own name. Per-message TTLs would not do, as a message
     * only expires at the head of its queue. Not the default exchange: declaring a dead-letter exchange needs
     * the right to publish to it, and the right to publish to the default exchange reaches every queue.
     */
    private static Queue retryTier(String queue, int tier, Duration delay) {
        return QueueBuilder.durable(retryQueue(queue, tier)).quorum()
                .ttl(Math.toIntExact(delay.toMillis()))
                .deadLetterExchange(RETRY)
                .deadLetterRoutingKey(queue)
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .build();
    }

    private static Binding bind(Queue queue, String exchange, String key) {
        return BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with(key);
    }
}
