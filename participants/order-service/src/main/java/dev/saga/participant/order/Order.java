package dev.saga.participant.order;

import dev.saga.contract.order.OrderLine;
import java.util.List;
import java.util.UUID;

/** An order as stored; {@code rejectionReason} is set only once the order is rejected. */
public record Order(UUID id, String customerId, OrderStatus status, String rejectionReason, List<OrderLine> lines,
                    long amountCents) {
}
