package dev.saga.messaging;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Moves a message that cannot be handled to its queue's parking queue ({@code <queue>.dlq}), with the reason
 * in headers, and waits for the broker's confirm so the original can be acknowledged without losing it.
 */
public class ParkingLot {

    public static final String ERROR_CLASS = "x-error-class";
    public static final String ERROR_MESSAGE = "x-error-message";
    public static final String ATTEMPTS = "x-attempts";
    public static final String FIRST_FAILURE = "x-first-failure-at";
    public static final String ORIGINAL_EXCHANGE = "x-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-original-routing-key";

    private final RabbitTemplate rabbit;

    public ParkingLot(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    public void park(Message original, String queue, Throwable reason) {
        MessageProperties props = original.getMessageProperties();
        props.setHeader(ERROR_CLASS, reason.getClass().getName());
        props.setHeader(ERROR_MESSAGE, String.valueOf(reason.getMessage()));
        props.setHeader(ATTEMPTS, 1);
        props.setHeader(FIRST_FAILURE, Instant.now().toString());
        props.setHeader(ORIGINAL_EXCHANGE, props.getReceivedExchange());
        props.setHeader(ORIGINAL_ROUTING_KEY, props.getReceivedRoutingKey());
        CorrelationData confirm = new CorrelationData();
        rabbit.send(Topology.DEAD_LETTER, queue, original, confirm);
        try {
            CorrelationData.Confirm result = confirm.getFuture().get(10, TimeUnit.SECONDS);
            if (!result.isAck() || confirm.getReturned() != null) {
                throw new IllegalStateException("Parking queue for " + queue + " did not take the message");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while parking a message from " + queue, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not park a message from " + queue, e);
        }
    }
}
