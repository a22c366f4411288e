package dev.saga.contract.inventory;

import java.util.UUID;

/** Compensation: give back the stock held for the order. */
public record ReleaseStock(UUID orderId) {
}
