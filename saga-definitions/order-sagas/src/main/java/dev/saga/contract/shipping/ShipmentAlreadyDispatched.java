package dev.saga.contract.shipping;

import java.util.UUID;

/** Failure reply to CancelShipment: the parcel has left; the order can no longer be cancelled. */
public record ShipmentAlreadyDispatched(UUID orderId, String reason) implements CancelShipment.Reply {
}
