package dev.saga.contract.inventory;

import java.util.UUID;

/** Reply: the held stock left the warehouse. */
public record InventoryDeducted(UUID orderId) implements DeductInventory.Reply {
}
