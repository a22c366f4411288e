package dev.saga.contract.order;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: shipment cancelled, money refunded, stock back; the order is cancelled. */
public record ConfirmCancellation(UUID orderId) implements Command<ConfirmCancellation.Reply> {

    /** What answers {@code ConfirmCancellation}. */
    public sealed interface Reply permits OrderCancelled {
    }
}
