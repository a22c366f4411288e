package dev.saga.contract.order;

import java.util.UUID;

/** Command: shipment cancelled, money refunded, stock back; the order is cancelled. */
public record ConfirmCancellation(UUID orderId) {
}
