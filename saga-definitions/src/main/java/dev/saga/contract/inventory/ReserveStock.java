package dev.saga.contract.inventory;

import dev.saga.contract.order.OrderLine;
import java.util.List;
import java.util.UUID;

/** Command: hold stock for every line of the order, all or nothing. */
public record ReserveStock(UUID orderId, List<OrderLine> lines) {
}
