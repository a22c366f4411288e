package dev.saga.participant.order.web;

import dev.saga.contract.order.OrderLine;
import dev.saga.participant.order.Order;
import java.util.List;
import java.util.UUID;

/** An order as {@code GET /orders/{id}} shows it. */
record OrderView(UUID orderId, String customerId, String status, String rejectionReason, List<OrderLine> lines,
                 long amountCents) {

    static OrderView of(Order order) {
        return new OrderView(order.id(), order.customerId(), order.status().name(), order.rejectionReason(),
                order.lines(), order.amountCents());
    }
}
