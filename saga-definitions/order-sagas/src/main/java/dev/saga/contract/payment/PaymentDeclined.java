package dev.saga.contract.payment;

import java.util.UUID;

/** Failure reply: the amount exceeds what the account can spend; nothing is held. */
public record PaymentDeclined(UUID orderId, String reason) implements AuthorizePayment.Reply {
}
