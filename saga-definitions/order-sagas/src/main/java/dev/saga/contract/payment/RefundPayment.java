package dev.saga.contract.payment;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: pay back what was captured for the order. */
public record RefundPayment(UUID orderId) implements Command<RefundPayment.Reply> {

    /** What answers {@code RefundPayment}. */
    public sealed interface Reply permits PaymentRefunded {
    }
}
