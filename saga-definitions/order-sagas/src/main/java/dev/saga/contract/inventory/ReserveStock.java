package dev.saga.contract.inventory;

import dev.saga.contract.Command;
import dev.saga.contract.order.OrderLine;
import java.util.List;
import java.util.UUID;

/** Command: hold stock for every line of the order, all or nothing. */
public record ReserveStock(UUID orderId, List<OrderLine> lines) implements Command<ReserveStock.Reply> {

    /** What answers {@code ReserveStock}. */
    public sealed interface Reply permits StockReserved, StockUnavailable {
    }
}
