package dev.saga.contract.payment;

import java.util.UUID;

/** Command: pay back what was captured for the order. */
public record RefundPayment(UUID orderId) {
}
