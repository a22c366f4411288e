package dev.saga.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Decides where a message goes when handling it failed. After a transient failure it is republished unchanged
 * to its queue's next retry tier ({@code saga.retry}, routing key {@code <queue>.<tier>}), whose TTL brings it
 * back after the tier's delay; after the last tier it is parked. A malformed message is parked at once, since
 * no retry can help. The copy is confirmed by the broker before the consumer acknowledges the original; when the
 * broker does not confirm, the exception propagates and the consumer returns the original to its queue.
 */
public class FailureRouter {

    private static final Logger LOG = LoggerFactory.getLogger(FailureRouter.class);

    private final ConfirmedPublisher publisher;
    private final ParkingLot parking;
    private final RetrySettings retry;

    public FailureRouter(RabbitTemplate rabbit, ParkingLot parking, RetrySettings retry) {
        this.publisher = new ConfirmedPublisher(rabbit);
        this.parking = parking;
        this.retry = retry;
    }

    /** The handler failed, perhaps only for now: retry later, or park once the tiers are used up. */
    public void failed(Message message, String queue, RuntimeException failure) {
        int attempt = retriesSoFar(message, queue) + 1;
        String messageId = message.getMessageProperties().getMessageId();
        if (attempt > retry.tiers()) {
            parking.park(message, queue, failure, attempt);
            LOG.warn("Parked message {} from {} after attempt {}: {}", messageId, queue, attempt, failure.toString());
            return;
        }
        int tier = attempt;
        parking.recordFirstFailure(message);
        // Spring AMQP writes this into a retry-count header; left alone it would copy the first x-death count.
        message.getMessageProperties().setRetryCount(tier);
        publisher.publish(Topology.RETRY, Topology.retryRoutingKey(queue, tier), message);
        LOG.warn("Retrying message {} from {} in {} ms (tier {}) after attempt {}: {}", messageId, queue,
                retry.delay(tier).toMillis(), tier, attempt, failure.toString());
    }

    /** The message cannot be understood: park it without retrying. */
    public void malformed(Message message, String queue, MalformedMessageException failure) {
        int attempt = retriesSoFar(message, queue) + 1;
        parking.park(message, queue, failure, attempt);
        LOG.warn("Parked malformed message {} from {} on attempt {}: {}", message.getMessageProperties()
                .getMessageId(), queue, attempt, failure.getMessage());
    }

    /**
     * How often the message already went through one of the queue's retry tiers, as the broker counted it in
     * {@code x-death} when each tier's TTL dead-lettered it back. The entries of other queues do not count.
     */
    int retriesSoFar(Message message, String queue) {
        Set<String> tiers = IntStream.rangeClosed(1, retry.tiers())
                .mapToObj(tier -> Topology.retryQueue(queue, tier))
                .collect(Collectors.toSet());
        List<Map<String, ?>> deaths = message.getMessageProperties().getXDeathHeader();
        if (deaths == null) {
            return 0;
        }
        long retries = 0;
        for (Map<String, ?> death : deaths) {
            if (tiers.contains(String.valueOf(death.get("queue"))) && death.get("count") instanceof Number count) {
                retries += count.longValue();
            }
        }
        return Math.toIntExact(retries);
    }
}
