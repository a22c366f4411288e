package dev.saga.contract.inventory;

import java.util.UUID;

/** Reply to ReleaseStock (also when nothing was held). */
public record StockReleased(UUID orderId) implements ReleaseStock.Reply {
}
