package dev.saga.contract.inventory;

import java.util.UUID;

/** Reply to RestockOrder. */
public record StockRestocked(UUID orderId) implements RestockOrder.Reply {
}
