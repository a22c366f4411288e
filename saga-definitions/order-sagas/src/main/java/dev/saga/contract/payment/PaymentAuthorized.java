package dev.saga.contract.payment;

import java.util.UUID;

/** Reply: the amount is held. */
public record PaymentAuthorized(UUID orderId, UUID authorizationId) implements AuthorizePayment.Reply {
}
