package dev.saga.contract.schema.legacy.payment;

import java.util.UUID;

/** {@code payment.AuthorizePayment} as version 1 declared it: what a payment service not yet upgraded reads. */
public record AuthorizePayment(UUID orderId, String accountId, long amountCents) {
}
