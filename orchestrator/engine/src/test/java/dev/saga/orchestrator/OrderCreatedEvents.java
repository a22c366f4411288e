package dev.saga.orchestrator;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.Topology;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** The event that starts an order-fulfilment saga, published on the events exchange as the order service does. */
public final class OrderCreatedEvents {

    private OrderCreatedEvents() {
    }

    /** Publishes an {@code OrderCreated} for the order (alice, one book); returns the message id. */
    public static String publish(RabbitTemplate rabbit, EnvelopeCodec codec, UUID orderId) {
        Envelope envelope = Envelope.event(MessageTypes.nameOf(OrderCreated.class));
        OrderCreated event = new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 1)), 2500);
        rabbit.send(Topology.EVENTS, MessageTypes.eventRoutingKey(OrderCreated.class),
                codec.toAmqp(envelope, codec.payloadJson(event)));
        return envelope.messageId().toString();
    }
}
