package dev.saga.contract.inventory;

import java.util.UUID;

/** Reply: the stock for every line is held. */
public record StockReserved(UUID orderId) implements ReserveStock.Reply {
}
