package dev.saga.messaging;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a copy of a received message and returns only once the broker confirmed it routed and stored it,
 * so the caller may then acknowledge the original. Anything less throws, and the original stays on its queue.
 */
public class ConfirmedPublisher {

    private static final long CONFIRM_TIMEOUT_SECONDS = 10;

    private final RabbitTemplate rabbit;

    public ConfirmedPublisher(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /** The broker had no queue for the message: nothing was delivered anywhere. */
    public static class UnroutableException extends AmqpException {

        public UnroutableException(String message) {
            super(message);
        }
    }

    public void publish(String exchange, String routingKey, Message message) {
        CorrelationData confirm = new CorrelationData();
        rabbit.send(exchange, routingKey, message, confirm);
        String where = exchange + "/" + routingKey;
        try {
            CorrelationData.Confirm result = confirm.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (confirm.getReturned() != null) {
                throw new UnroutableException(where + " returned the message as unroutable: "
                        + confirm.getReturned().getReplyText());
            }
            if (!result.isAck()) {
                throw new AmqpException(where + " did not take the message: " + result.getReason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("Interrupted while publishing to " + where, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("No confirm for the message published to " + where, e);
        }
    }
}
