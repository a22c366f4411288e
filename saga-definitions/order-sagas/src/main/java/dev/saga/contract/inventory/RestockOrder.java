package dev.saga.contract.inventory;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: put the units deducted for the order back on hand. */
public record RestockOrder(UUID orderId) implements Command<RestockOrder.Reply> {

    /** What answers {@code RestockOrder}. */
    public sealed interface Reply permits StockRestocked {
    }
}
