package dev.saga.contract.order;

import java.util.UUID;

/** Reply to ApproveOrder. */
public record OrderApproved(UUID orderId) implements ApproveOrder.Reply {
}
