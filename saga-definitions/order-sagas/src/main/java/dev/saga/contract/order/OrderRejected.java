package dev.saga.contract.order;

import java.util.UUID;

/** Reply to RejectOrder. */
public record OrderRejected(UUID orderId) implements RejectOrder.Reply {
}
