package dev.saga.contract.payment;

import dev.saga.contract.Command;
import java.util.UUID;

/** Compensation: release the held amount. */
public record VoidPayment(UUID orderId) implements Command<VoidPayment.Reply> {

    /** What answers {@code VoidPayment}. */
    public sealed interface Reply permits PaymentVoided {
    }
}
