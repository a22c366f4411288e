package dev.saga.contract.inventory;

import java.util.UUID;

/** Command: put the units deducted for the order back on hand. */
public record RestockOrder(UUID orderId) {
}
