package dev.saga.contract.order;

import dev.saga.contract.Nullable;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Event: the customer asked to cancel an approved order; it starts the order-cancellation saga. */
public record OrderCancellationRequested(UUID orderId, @Size(max = 200) String customerId,
                                         @Nullable @Size(max = 500) String reason) {
}
