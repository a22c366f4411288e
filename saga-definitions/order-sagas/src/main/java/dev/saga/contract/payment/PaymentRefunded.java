package dev.saga.contract.payment;

import java.util.UUID;

/** Reply to RefundPayment: the captured amount is back on the account. */
public record PaymentRefunded(UUID orderId, long amountCents) implements RefundPayment.Reply {
}
