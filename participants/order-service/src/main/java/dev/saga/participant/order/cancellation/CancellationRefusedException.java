package dev.saga.participant.order.cancellation;

import dev.saga.participant.order.OrderStatus;
import java.util.UUID;

/** Only an approved order can be cancelled: a pending, rejected or already cancelled one cannot. */
public class CancellationRefusedException extends RuntimeException {

    private final OrderStatus status;

    CancellationRefusedException(UUID orderId, OrderStatus status) {
        super("Order " + orderId + " is " + status + "; only an APPROVED order can be cancelled");
        this.status = status;
    }

    public OrderStatus status() {
        return status;
    }
}
