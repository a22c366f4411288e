package dev.saga.contract.payment;

import java.util.UUID;

/** Command: hold the order amount on the customer's account. */
public record AuthorizePayment(UUID orderId, String accountId, long amountCents) {
}
