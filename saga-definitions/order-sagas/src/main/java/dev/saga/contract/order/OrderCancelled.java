package dev.saga.contract.order;

import java.util.UUID;

/** Reply to ConfirmCancellation. */
public record OrderCancelled(UUID orderId) implements ConfirmCancellation.Reply {
}
