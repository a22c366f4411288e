package dev.saga.contract.payment;

import java.util.UUID;

/** Reply: the amount was taken. */
public record PaymentCaptured(UUID orderId) implements CapturePayment.Reply {
}
