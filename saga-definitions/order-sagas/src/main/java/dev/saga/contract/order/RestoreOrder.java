package dev.saga.contract.order;

import dev.saga.contract.Command;
import dev.saga.contract.Nullable;
import java.util.UUID;

/** Command (compensation): the cancellation was refused; the order is approved again, with why. */
public record RestoreOrder(UUID orderId, @Nullable String reason) implements Command<RestoreOrder.Reply> {

    /** What answers {@code RestoreOrder}. */
    public sealed interface Reply permits OrderRestored {
    }
}
