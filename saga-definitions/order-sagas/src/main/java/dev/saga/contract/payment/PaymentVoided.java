package dev.saga.contract.payment;

import java.util.UUID;

/** Reply to VoidPayment (also when nothing was held). */
public record PaymentVoided(UUID orderId) implements VoidPayment.Reply {
}
