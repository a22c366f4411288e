package dev.saga.participant.order.cancellation;

import dev.saga.contract.order.OrderCancellationRequested;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import dev.saga.participant.order.Order;
import dev.saga.participant.order.OrderStatus;
import dev.saga.participant.order.Orders;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's request to cancel an approved order: marks it CANCELLING and announces
 * {@code OrderCancellationRequested} (which starts the order-cancellation saga) in one transaction. Only an
 * approved order can be cancelled, and only once. It takes one lock only, the order's row, and waits for nothing
 * while holding it; so it cannot close a cycle with a batch of the order participant, which holds the advisory
 * locks of its orders and takes their rows in delivery order.
 */
@Service
public class OrderCancellation {

    /** Routing key of {@code OrderCancellationRequested} on {@code saga.events}. */
    static final String CANCELLATION_REQUESTED = MessageTypes.eventRoutingKey(OrderCancellationRequested.class);

    private static final Logger LOG = LoggerFactory.getLogger(OrderCancellation.class);

    private final Orders orders;
    private final Outbox outbox;

    OrderCancellation(Orders orders, Outbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    /** The order being cancelled; empty if there is no such order. */
    @Transactional
    public Optional<Order> request(UUID orderId, String reason) {
        Optional<OrderStatus> status = orders.lockStatus(orderId);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        if (status.get() != OrderStatus.APPROVED) {
            throw new CancellationRefusedException(orderId, status.get());
        }
        Order order = orders.find(orderId).orElseThrow();
        orders.markCancellation(orderId, OrderStatus.CANCELLING, null);
        outbox.add(Topology.EVENTS, CANCELLATION_REQUESTED,
                Envelope.event(MessageTypes.nameOf(OrderCancellationRequested.class)),
                new OrderCancellationRequested(orderId, order.customerId(), reason));
        LOG.info("Order {}: cancellation requested ({})", orderId, reason == null ? "no reason given" : reason);
        return orders.find(orderId);
    }
}
