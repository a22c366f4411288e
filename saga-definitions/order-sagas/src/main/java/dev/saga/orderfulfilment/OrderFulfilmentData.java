package dev.saga.orderfulfilment;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import java.util.List;
import java.util.UUID;

/** What the order-fulfilment saga knows about its order; persisted with the saga as JSON. */
public record OrderFulfilmentData(
        UUID orderId,
        String customerId,
        List<OrderLine> lines,
        long amountCents,
        UUID authorizationId,
        UUID shipmentId,
        String rejectionReason) {

    public static OrderFulfilmentData from(OrderCreated event) {
        return new OrderFulfilmentData(event.orderId(), event.customerId(), event.lines(), event.amountCents(),
                null, null, null);
    }

    public OrderFulfilmentData withAuthorization(UUID id) {
        return new OrderFulfilmentData(orderId, customerId, lines, amountCents, id, shipmentId, rejectionReason);
    }

    public OrderFulfilmentData withShipment(UUID id) {
        return new OrderFulfilmentData(orderId, customerId, lines, amountCents, authorizationId, id, rejectionReason);
    }

    public OrderFulfilmentData rejectedBecause(String reason) {
        return new OrderFulfilmentData(orderId, customerId, lines, amountCents, authorizationId, shipmentId, reason);
    }
}
