package dev.saga.contract.inventory;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: take the held stock out of the warehouse for picking. */
public record DeductInventory(UUID orderId) implements Command<DeductInventory.Reply> {

    /** What answers {@code DeductInventory}. */
    public sealed interface Reply permits InventoryDeducted, InventoryDeductionFailed {
    }
}
