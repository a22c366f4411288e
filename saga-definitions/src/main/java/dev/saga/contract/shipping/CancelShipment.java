package dev.saga.contract.shipping;

import java.util.UUID;

/** Command: cancel the order's shipment before it leaves the warehouse. */
public record CancelShipment(UUID orderId) {
}
