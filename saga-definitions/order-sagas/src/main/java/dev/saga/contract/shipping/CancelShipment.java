package dev.saga.contract.shipping;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: cancel the order's shipment before it leaves the warehouse. */
public record CancelShipment(UUID orderId) implements Command<CancelShipment.Reply> {

    /** What answers {@code CancelShipment}. */
    public sealed interface Reply permits ShipmentCancelled, ShipmentAlreadyDispatched {
    }
}
