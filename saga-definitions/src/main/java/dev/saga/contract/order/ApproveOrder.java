package dev.saga.contract.order;

import java.util.UUID;

/** Command: the saga completed; the order is approved. */
public record ApproveOrder(UUID orderId) {
}
