package dev.saga.chaos;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers every command twice. RabbitMQ puts one copy in each queue however many of its bindings match, so
 * a second binding cannot do it: this relay's own queue, bound to {@code saga.commands} with {@code #}, gets a
 * copy of each command and publishes it once more, same message id and routing key, with a marker header;
 * copies that carry the marker come back to the relay too, and are only acknowledged.
 */
final class DuplicatingRelay implements AutoCloseable {

    static final String QUEUE = "chaos.command-duplicator";
    static final String MARKER = "x-chaos-duplicate";

    private final AtomicInteger duplicated = new AtomicInteger();
    private final Connection connection;
    private final Channel consuming;
    private final Channel publishing;
    private volatile String consumerTag;
    private volatile boolean closing;

    DuplicatingRelay(AmqpConnections connections) {
        try {
            connection = connections.open("chaos-duplicator");
            consuming = connection.createChannel();
            publishing = connection.createChannel();
            publishing.confirmSelect();
            consuming.queueDeclare(QUEUE, false, false, false, Map.of());
            consuming.queueBind(QUEUE, "saga.commands", "#");
            consuming.basicQos(50);
            consumerTag = consuming.basicConsume(QUEUE, false, new DefaultConsumer(consuming) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) throws IOException {
                    try {
                        relay(envelope, properties, body);
                    } catch (IOException | RuntimeException e) {
                        if (!closing) {
                            throw e;
                        }
                        // closing: the copy in hand goes away with the relay's queue
                    }
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the duplicating relay", e);
        }
    }

    int duplicated() {
        return duplicated.get();
    }

    private void relay(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        Map<String, Object> headers = properties.getHeaders() == null ? new HashMap<>()
                : new HashMap<>(properties.getHeaders());
        if (!closing && !headers.containsKey(MARKER)) {
            headers.put(MARKER, true);
            // Without the orchestrator's user_id, which RabbitMQ would refuse from this login.
            publishing.basicPublish(envelope.getExchange(), envelope.getRoutingKey(), false,
                    properties.builder().headers(headers).userId(null).build(), body);
            try {
                publishing.waitForConfirmsOrDie(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (TimeoutException e) {
                throw new IOException("no confirm for the duplicate", e);
            }
            duplicated.incrementAndGet();
        }
        consuming.basicAck(envelope.getDeliveryTag(), false);
    }

    /** Stops taking copies first, so no delivery is cut off half-way; unacknowledged ones go with the queue. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            consuming.basicCancel(consumerTag);
            consuming.queueDelete(QUEUE);
        } catch (IOException | RuntimeException e) {
            // the vhost is recreated by the next run anyway
        }
        AmqpConnections.closeQuietly(connection);
    }
}
