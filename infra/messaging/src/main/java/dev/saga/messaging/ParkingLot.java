package dev.saga.messaging;

import java.time.Instant;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Moves a message that cannot be handled to its queue's parking queue ({@code <queue>.dlq}), with the reason
 * in headers, and waits for the broker's confirm so the original can be acknowledged without losing it. The
 * parked copy is this process's, published under its broker user; it records who sent the original
 * ({@link SenderIdentity}).
 */
public class ParkingLot {

    public static final String ERROR_CLASS = "x-error-class";
    public static final String ERROR_MESSAGE = "x-error-message";
    public static final String ATTEMPTS = "x-attempts";
    public static final String FIRST_FAILURE = "x-first-failure-at";
    public static final String ORIGINAL_EXCHANGE = "x-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-original-routing-key";

    private final ConfirmedPublisher publisher;
    private final SenderIdentity identity;

    public ParkingLot(RabbitTemplate rabbit, SenderIdentity identity) {
        this.publisher = new ConfirmedPublisher(rabbit);
        this.identity = identity;
    }

    /**
     * Records when, where and from whom the message first failed, before a copy of it is republished. An
     * earlier failure's record stands on a copy of this process's own (one coming back from a retry tier was
     * received from the retry exchange, not from where it was first published); on anyone else's message the
     * headers are written afresh, so a sender cannot pass off its own claims as this process's record.
     */
    void recordFirstFailure(Message message) {
        MessageProperties props = message.getMessageProperties();
        Map<String, Object> headers = props.getHeaders();
        if (!identity.isOwn(props)) {
            headers.remove(FIRST_FAILURE);
            headers.remove(ORIGINAL_EXCHANGE);
            headers.remove(ORIGINAL_ROUTING_KEY);
        }
        headers.putIfAbsent(FIRST_FAILURE, Instant.now().toString());
        headers.putIfAbsent(ORIGINAL_EXCHANGE, props.getReceivedExchange());
        headers.putIfAbsent(ORIGINAL_ROUTING_KEY, props.getReceivedRoutingKey());
        identity.carryOrigin(message);
    }

    /** Parks the message after {@code attempts} deliveries, the last of which failed with {@code reason}. */
    public void park(Message original, String queue, Throwable reason, int attempts) {
        recordFirstFailure(original);
        MessageProperties props = original.getMessageProperties();
        props.setHeader(ERROR_CLASS, reason.getClass().getName());
        props.setHeader(ERROR_MESSAGE, String.valueOf(reason.getMessage()));
        props.setHeader(ATTEMPTS, attempts);
        publisher.publish(Topology.DEAD_LETTER, queue, original);
    }
}
