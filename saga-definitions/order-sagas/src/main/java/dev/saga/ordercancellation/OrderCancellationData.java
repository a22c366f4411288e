package dev.saga.ordercancellation;

import dev.saga.contract.order.OrderCancellationRequested;
import java.util.UUID;

/**
 * What the order-cancellation saga knows about its order; persisted with the saga as JSON. {@code refusal}
 * says why the cancellation could not go through, once it could not.
 */
public record OrderCancellationData(
        UUID orderId,
        String customerId,
        String reason,
        long refundedCents,
        String refusal) {

    public static OrderCancellationData from(OrderCancellationRequested event) {
        return new OrderCancellationData(event.orderId(), event.customerId(), event.reason(), 0, null);
    }

    public OrderCancellationData refunded(long cents) {
        return new OrderCancellationData(orderId, customerId, reason, cents, refusal);
    }

    public OrderCancellationData refusedBecause(String why) {
        return new OrderCancellationData(orderId, customerId, reason, refundedCents, "cancellation refused: " + why);
    }
}
