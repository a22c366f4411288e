package dev.saga.chaos;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Publishes messages no consumer can handle into every consuming queue, through the exchanges and routing
 * keys that reach it: a body that is not JSON, JSON of the wrong shape, an unknown type, and no message id.
 * Each carries a marker header, so the parked ones can be told from anything else in a parking queue.
 */
final class Poisoner {

    static final String MARKER = "x-chaos-poison";

    /** A routing key that reaches consuming queues, every queue it reaches, and a type they all handle. */
    private record Target(List<String> queues, String exchange, String routingKey, String type) {
        Target(String queue, String exchange, String routingKey, String type) {
            this(List.of(queue), exchange, routingKey, type);
        }
    }

    private static final List<Target> TARGETS = List.of(
            new Target("orchestrator.replies", "saga.replies", "order-fulfilment.inventory.stock-reserved",
                    "inventory.StockReserved"),
            // Every new order also goes to the risk service, so each of these is parked twice.
            new Target(List.of("orchestrator.saga-starts", "risk.events"), "saga.events", "order.created",
                    "order.OrderCreated"),
            new Target("order.commands", "saga.commands", "order.approve-order", "order.ApproveOrder"),
            new Target("inventory.commands", "saga.commands", "inventory.reserve-stock", "inventory.ReserveStock"),
            new Target("payment.commands", "saga.commands", "payment.authorize-payment", "payment.AuthorizePayment"),
            new Target("shipping.commands", "saga.commands", "shipping.schedule-shipment",
                    "shipping.ScheduleShipment"),
            new Target("notification.events", "saga.events", "saga.order-fulfilment.completed", "saga.SagaFinished"));

    private final AmqpConnections connections;

    Poisoner(AmqpConnections connections) {
        this.connections = connections;
    }

    /** Publishes one round of poison into every queue; returns how many messages each parking queue should get. */
    Map<String, Integer> poisonEveryQueue(String round) {
        Map<String, Integer> expected = new HashMap<>();
        Connection connection = null;
        try {
            connection = connections.open("chaos-poisoner");
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            for (Target target : TARGETS) {
                int n = 0;
                publish(channel, target, round + "-" + ++n, target.type(), UUID.randomUUID(), "{not json");
                publish(channel, target, round + "-" + ++n, target.type(), UUID.randomUUID(), "[1, 2, 3]");
                publish(channel, target, round + "-" + ++n, "chaos.NoSuchMessage", UUID.randomUUID(), "{}");
                publish(channel, target, round + "-" + ++n, target.type(), null, "{}");
                for (String queue : target.queues()) {
                    expected.put(queue + ".dlq", n);
                }
            }
            channel.waitForConfirmsOrDie(30_000);
            return expected;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish the poisoned messages", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            AmqpConnections.closeQuietly(connection);
        }
    }

    private static void publish(Channel channel, Target target, String marker, String type, UUID messageId,
                                String body) throws IOException {
        Map<String, Object> headers = new HashMap<>();
        headers.put(MARKER, marker);
        headers.put("type-version", 1);
        AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).type(type).timestamp(new Date()).headers(headers);
        if (messageId != null) {
            props.messageId(messageId.toString());
        }
        channel.basicPublish(target.exchange(), target.routingKey(), true, props.build(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
