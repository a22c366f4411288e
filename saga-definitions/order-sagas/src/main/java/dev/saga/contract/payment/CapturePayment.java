package dev.saga.contract.payment;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command (the pivot): take the held amount. */
public record CapturePayment(UUID orderId) implements Command<CapturePayment.Reply> {

    /** What answers {@code CapturePayment}. */
    public sealed interface Reply permits PaymentCaptured {
    }
}
