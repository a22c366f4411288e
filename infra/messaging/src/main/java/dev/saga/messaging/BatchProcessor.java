package dev.saga.messaging;

import com.rabbitmq.client.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * Takes what one subscription delivered at once through the handler. Each delivery is decoded first; one that
 * cannot be is parked and left out. The rest go to the handler in {@link Batches}. When a batch fails, its
 * messages are handed again one at a time, so only a message that fails on its own goes to the retry tiers
 * ({@link FailureRouter}); when the broker does not take it there, it goes back to the queue. Everything is
 * settled only after the handler returned, and so after its transaction committed.
 */
final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    private static final String DELIVERY_COUNT = "x-delivery-count";

    private final String queue;
    private final EnvelopeCodec codec;
    private final FailureRouter failures;
    private final MessageTracing tracing;
    private final BatchHandler handler;
    private final int batchSize;
    private final ConsumerMetrics metrics;
    private final BooleanSupplier active;
    private final MessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();

    BatchProcessor(String queue, EnvelopeCodec codec, FailureRouter failures, MessageTracing tracing,
                   BatchHandler handler, int batchSize, ConsumerMetrics metrics, BooleanSupplier active) {
        this.queue = queue;
        this.codec = codec;
        this.failures = failures;
        this.tracing = tracing;
        this.handler = handler;
        this.batchSize = batchSize;
        this.metrics = metrics;
        this.active = active;
    }

    /** A delivered message with what was decoded of it. */
    private record Received(Message amqp, IncomingMessage message) {

        long tag() {
            return amqp.getMessageProperties().getDeliveryTag();
        }
    }

    void process(Subscription subscription, List<Delivery> deliveries) {
        Settlement settlement = new Settlement(subscription, queue);
        List<Received> decoded = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            Message amqp = toMessage(delivery, subscription.getConsumerTag());
            try {
                decoded.add(new Received(amqp, codec.fromAmqp(amqp)));
            } catch (MalformedMessageException e) {
                parkMalformed(amqp, e, settlement);
            } catch (RuntimeException e) {
                route(amqp, () -> failures.failed(amqp, queue, e), settlement);
            }
        }
        for (List<Received> batch : Batches.of(decoded, received -> redelivered(received.amqp()), batchSize)) {
            metrics.handed(batch.size());
            if (batch.size() == 1) {
                handleAlone(batch.get(0), settlement);
            } else {
                handleTogether(batch, settlement);
            }
        }
        settlement.finish();
    }

    private void handleTogether(List<Received> batch, Settlement settlement) {
        try {
            handler.handle(batch.stream().map(Received::message).toList());
            batch.forEach(received -> settlement.acknowledge(received.tag()));
        } catch (RuntimeException e) {
            if (!active.getAsBoolean()) {
                batch.forEach(received -> settlement.requeue(received.tag()));
                return;
            }
            String cause = metrics.split(e);
            if (ConsumerMetrics.DEADLOCK.equals(cause)) {
                LOG.warn("A batch of {} messages from {} deadlocked; handling them one at a time", batch.size(),
                        queue, e);
            } else {
                LOG.info("A batch of {} messages from {} failed ({}); handling them one at a time", batch.size(),
                        queue, e.toString());
            }
            batch.forEach(received -> handleAlone(received, settlement));
        }
    }

    private void handleAlone(Received received, Settlement settlement) {
        try {
            handler.handle(List.of(received.message()));
            settlement.acknowledge(received.tag());
        } catch (MalformedMessageException e) {
            route(received.amqp(), () -> failures.malformed(received.amqp(), queue, e), settlement);
        } catch (RuntimeException e) {
            if (!active.getAsBoolean()) {
                // Stopping, e.g. a start the admission gate gave up on: back to the queue, not to a retry tier.
                settlement.requeue(received.tag());
                return;
            }
            route(received.amqp(), () -> failures.failed(received.amqp(), queue, e), settlement);
        }
    }

    /** Parked before any handler sees it, in a span of its own, as the handler's span would have shown it. */
    private void parkMalformed(Message amqp, MalformedMessageException failure, Settlement settlement) {
        route(amqp, () -> tracing.handle(amqp, queue, () -> {
            tracing.failed(failure);
            failures.malformed(amqp, queue, failure);
        }), settlement);
    }

    /** Sends the message to a retry tier or its parking queue; back to the queue if the broker did not take it. */
    private void route(Message amqp, Runnable routing, Settlement settlement) {
        long tag = amqp.getMessageProperties().getDeliveryTag();
        try {
            routing.run();
            settlement.acknowledge(tag);
        } catch (RuntimeException e) {
            LOG.warn("Could not move message {} from {} to its retry tier or parking queue; returning it to the"
                    + " queue: {}", amqp.getMessageProperties().getMessageId(), queue, e.toString());
            settlement.requeue(tag);
        }
    }

    private Message toMessage(Delivery delivery, String consumerTag) {
        MessageProperties props = properties.toMessageProperties(delivery.getProperties(), delivery.getEnvelope(),
                "UTF-8");
        props.setConsumerQueue(queue);
        props.setConsumerTag(consumerTag);
        return new Message(delivery.getBody(), props);
    }

    /** Delivered before: by the flag, or by the quorum queue's count (which survives a requeue by a crash). */
    static boolean redelivered(Message amqp) {
        MessageProperties props = amqp.getMessageProperties();
        Object count = props.getHeaders().get(DELIVERY_COUNT);
        return Boolean.TRUE.equals(props.isRedelivered())
                || count instanceof Number number && number.longValue() > 0
                || count != null && !(count instanceof Number) && positive(count.toString());
    }

    private static boolean positive(String count) {
        try {
            return Long.parseLong(count.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
