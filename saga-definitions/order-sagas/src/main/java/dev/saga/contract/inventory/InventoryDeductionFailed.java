package dev.saga.contract.inventory;

import java.util.UUID;

/** Failure reply: a SKU cannot be picked (damaged, in recount); nothing was deducted. */
public record InventoryDeductionFailed(UUID orderId, String sku, String reason) implements DeductInventory.Reply {
}
