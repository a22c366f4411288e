package dev.saga.contract.order;

import dev.saga.contract.Nullable;
import java.util.UUID;

/** Event: the customer asked to cancel an approved order; it starts the order-cancellation saga. */
public record OrderCancellationRequested(UUID orderId, String customerId, @Nullable String reason) {
}
