package dev.saga.contract.payment;

import java.util.UUID;

/** Compensation: release the held amount. */
public record VoidPayment(UUID orderId) {
}
