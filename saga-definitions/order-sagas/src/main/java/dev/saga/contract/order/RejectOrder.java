package dev.saga.contract.order;

import dev.saga.contract.Command;
import dev.saga.contract.Nullable;
import java.util.UUID;

/** Command: the saga was compensated; the order is rejected with the reason. */
public record RejectOrder(UUID orderId, @Nullable String reason) implements Command<RejectOrder.Reply> {

    /** What answers {@code RejectOrder}. */
    public sealed interface Reply permits OrderRejected {
    }
}
