package dev.saga.contract.shipping;

import java.util.UUID;

/** Reply to CancelShipment: nothing will be shipped. */
public record ShipmentCancelled(UUID orderId) implements CancelShipment.Reply {
}
