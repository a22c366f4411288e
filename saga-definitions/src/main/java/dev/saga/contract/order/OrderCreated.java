package dev.saga.contract.order;

import java.util.List;
import java.util.UUID;

/** Event: the order service accepted a new order; it starts the order-fulfilment saga. */
public record OrderCreated(UUID orderId, String customerId, List<OrderLine> lines, long amountCents) {
}
