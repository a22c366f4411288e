package dev.saga.contract.inventory;

import java.util.UUID;

/** Command: take the held stock out of the warehouse for picking. */
public record DeductInventory(UUID orderId) {
}
