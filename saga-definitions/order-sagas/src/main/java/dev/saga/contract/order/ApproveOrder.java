package dev.saga.contract.order;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: the saga completed; the order is approved. */
public record ApproveOrder(UUID orderId) implements Command<ApproveOrder.Reply> {

    /** What answers {@code ApproveOrder}. */
    public sealed interface Reply permits OrderApproved {
    }
}
