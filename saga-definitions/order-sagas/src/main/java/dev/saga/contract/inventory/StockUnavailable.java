package dev.saga.contract.inventory;

import java.util.UUID;

/** Failure reply: some SKU has too little stock on hand; nothing was held. */
public record StockUnavailable(UUID orderId, String sku, String reason) implements ReserveStock.Reply {
}
