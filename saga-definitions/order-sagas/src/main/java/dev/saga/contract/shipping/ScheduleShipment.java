package dev.saga.contract.shipping;

import dev.saga.contract.Command;
import dev.saga.contract.order.OrderLine;
import java.util.List;
import java.util.UUID;

/** Command: book a shipment for the order's lines. */
public record ScheduleShipment(UUID orderId, List<OrderLine> lines) implements Command<ScheduleShipment.Reply> {

    /** What answers {@code ScheduleShipment}. */
    public sealed interface Reply permits ShipmentScheduled {
    }
}
