package dev.saga.contract.order;

import java.util.UUID;

/** Reply to RestoreOrder. */
public record OrderRestored(UUID orderId) implements RestoreOrder.Reply {
}
