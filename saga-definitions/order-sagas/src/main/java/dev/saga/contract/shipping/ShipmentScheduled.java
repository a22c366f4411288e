package dev.saga.contract.shipping;

import java.util.UUID;

/** Reply: the shipment is booked. */
public record ShipmentScheduled(UUID orderId, UUID shipmentId) implements ScheduleShipment.Reply {
}
