package dev.saga.participant.order.placement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import dev.saga.participant.order.Order;
import dev.saga.participant.order.OrderStatus;
import dev.saga.participant.order.Orders;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * a saga without its order. A request may name itself with an idempotency key, claimed in the same transaction:
 * the same key with the same order finds the order placed before, with another order it is refused.
 */
@Service
public class OrderPlacement {

    /** Routing key of {@code OrderCreated} on {@code saga.events}; the orchestrator starts sagas from it. */
    static final String ORDER_CREATED = "order.created";

    private static final Logger LOG = LoggerFactory.getLogger(OrderPlacement.class);

    /** The order a placement request names, and whether this request placed it. */
    public record Placement(Order order, boolean created) {
    }

    /** What a placement request asks for; its JSON, hashed, is the request's fingerprint. */
    private record Requested(String customerId, List<OrderLine> lines) {
    }

    private final Catalog catalog;
    private final Orders orders;
    private final OrderRequests requests;
    private final Outbox outbox;
    private final ObjectMapper json;

    OrderPlacement(Catalog catalog, Orders orders, OrderRequests requests, Outbox outbox, ObjectMapper json) {
        this.catalog = catalog;
        this.orders = orders;
        this.requests = requests;
        this.outbox = outbox;
        this.json = json;
    }

    /** Places a new order; see {@link #place(String, List, String)}. */
    @Transactional
    public Order place(String customerId, List<OrderLine> lines) {
        return place(customerId, lines, null).order();
    }

    /**
     * Places the order, unless {@code idempotencyKey} (optional) placed it before: then that order, as it is now.
     * Throws {@link InvalidOrderException} naming each line whose SKU is not in the catalog, and
     * {@link IdempotencyKeyReusedException} when the key placed a different order.
     */
    @Transactional
    public Placement place(String customerId, List<OrderLine> lines, String idempotencyKey) {
        UUID orderId = UUID.randomUUID();
        if (idempotencyKey != null) {
            String fingerprint = fingerprint(new Requested(customerId, lines));
            if (!requests.claim(idempotencyKey, fingerprint, orderId)) {
                OrderRequests.OrderRequest earlier = requests.find(idempotencyKey).orElseThrow();
                if (!earlier.fingerprint().equals(fingerprint)) {
                    throw new IdempotencyKeyReusedException(idempotencyKey);
                }
                return new Placement(orders.find(earlier.orderId()).orElseThrow(), false);
            }
        }
        return new Placement(placeNew(orderId, customerId, lines), true);
    }

    private Order placeNew(UUID orderId, String customerId, List<OrderLine> lines) {
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
        Order order = new Order(orderId, customerId, OrderStatus.PENDING, null, List.copyOf(lines),
                amountCents);
        orders.insertPending(order);
        outbox.add(Topology.EVENTS, ORDER_CREATED, Envelope.event(MessageTypes.nameOf(OrderCreated.class)),
                new OrderCreated(order.id(), customerId, order.lines(), amountCents));
        LOG.info("Order {} placed by {} for {} cents", order.id(), customerId, amountCents);
        return order;
    }

    private String fingerprint(Requested requested) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsBytes(requested)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint " + requested, e);
        }
    }
}
