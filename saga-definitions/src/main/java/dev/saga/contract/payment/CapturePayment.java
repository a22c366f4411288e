package dev.saga.contract.payment;

import java.util.UUID;

/** Command (the pivot): take the held amount. */
public record CapturePayment(UUID orderId) {
}
