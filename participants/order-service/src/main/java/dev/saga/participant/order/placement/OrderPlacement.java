package dev.saga.participant.order.placement;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import dev.saga.participant.order.Order;
import dev.saga.participant.order.OrderStatus;
import dev.saga.participant.order.Orders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order: prices it from the catalog, stores it PENDING, and announces it with {@code OrderCreated}
 * (which starts its saga). Order and event commit together, so there is never an order without its saga, nor
 * a saga without its order.
 */
@Service
public class OrderPlacement {

    /** Routing key of {@code OrderCreated} on {@code saga.events}; the orchestrator starts sagas from it. */
    static final String ORDER_CREATED = "order.created";

    private static final Logger LOG = LoggerFactory.getLogger(OrderPlacement.class);

    private final Catalog catalog;
    private final Orders orders;
    private final Outbox outbox;

    OrderPlacement(Catalog catalog, Orders orders, Outbox outbox) {
        this.catalog = catalog;
        this.orders = orders;
        this.outbox = outbox;
    }

    /** Throws {@link InvalidOrderException} naming each line whose SKU is not in the catalog. */
    @Transactional
    public Order place(String customerId, List<OrderLine> lines) {
        Map<String, Long> prices = catalog.pricesOf(lines.stream().map(OrderLine::sku).distinct().toList());
        List<FieldProblem> unknown = new ArrayList<>();
        long amountCents = 0;
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            Long price = prices.get(line.sku());
            if (price == null) {
                unknown.add(new FieldProblem("lines[" + i + "].sku", "unknown SKU '" + line.sku() + "'"));
            } else {
                amountCents = Math.addExact(amountCents, Math.multiplyExact(price, (long) line.quantity()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidOrderException(unknown);
        }
        Order order = new Order(UUID.randomUUID(), customerId, OrderStatus.PENDING, null, List.copyOf(lines),
                amountCents);
        orders.insertPending(order);
        outbox.add(Topology.EVENTS, ORDER_CREATED, Envelope.event(MessageTypes.nameOf(OrderCreated.class)),
                new OrderCreated(order.id(), customerId, order.lines(), amountCents));
        LOG.info("Order {} placed by {} for {} cents", order.id(), customerId, amountCents);
        return order;
    }
}
