package dev.saga.contract.order;

import java.util.UUID;

/** Command: the saga was compensated; the order is rejected with the reason. */
public record RejectOrder(UUID orderId, String reason) {
}
