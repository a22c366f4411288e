package dev.saga.contract.inventory;

import dev.saga.contract.Command;
import java.util.UUID;

/** Compensation: give back the stock held for the order. */
public record ReleaseStock(UUID orderId) implements Command<ReleaseStock.Reply> {

    /** What answers {@code ReleaseStock}. */
    public sealed interface Reply permits StockReleased {
    }
}
