package dev.saga.ordercancellation;

import dev.saga.contract.inventory.RestockOrder;
import dev.saga.contract.inventory.StockRestocked;
import dev.saga.contract.order.ConfirmCancellation;
import dev.saga.contract.order.OrderCancellationRequested;
import dev.saga.contract.order.OrderCancelled;
import dev.saga.contract.order.OrderRestored;
import dev.saga.contract.order.RestoreOrder;
import dev.saga.contract.payment.PaymentRefunded;
import dev.saga.contract.payment.RefundPayment;
import dev.saga.contract.shipping.CancelShipment;
import dev.saga.contract.shipping.ShipmentAlreadyDispatched;
import dev.saga.contract.shipping.ShipmentCancelled;
import dev.saga.definition.SagaDefinition;
import java.time.Duration;

/**
 * Cancelling an approved order: stop its shipment, refund its payment, put its stock back, and mark it
 * cancelled. The order service already marked the order as being cancelled when the saga starts, so
 * {@code request-cancellation} only knows how to undo that: restore the order. A parcel that already left
 * refuses the cancellation; once the money is refunded (the pivot) the rest is retried until it is done.
 */
public final class OrderCancellationSaga {

    public static final String TYPE = "order-cancellation";

    public static final SagaDefinition<OrderCancellationData> DEFINITION = SagaDefinition
            .builder(TYPE, 1, OrderCancellationData.class)
            .startedBy(OrderCancellationRequested.class, OrderCancellationRequested::orderId,
                    OrderCancellationData::from)
            .businessKeyName("order id")
            .deadlines(Duration.ofSeconds(30), 5)
            .onTimeout(OrderCancellationData::refusedBecause)

            .step("request-cancellation").participant("order")
                .compensateWith(RestoreOrder.class, data -> new RestoreOrder(data.orderId(), data.refusal()),
                        OrderRestored.class)

            .step("cancel-shipment").participant("shipping")
                .invoke(CancelShipment.class, data -> new CancelShipment(data.orderId()))
                .onSuccess(ShipmentCancelled.class)
                .onFailure(ShipmentAlreadyDispatched.class, (data, reply) -> data.refusedBecause(reply.reason()))

            .step("refund-payment").participant("payment")
                .invoke(RefundPayment.class, data -> new RefundPayment(data.orderId()))
                .onSuccess(PaymentRefunded.class, (data, reply) -> data.refunded(reply.amountCents()))
                .pivot()

            .step("restock").participant("inventory")
                .invoke(RestockOrder.class, data -> new RestockOrder(data.orderId()))
                .onSuccess(StockRestocked.class)
                .retriable()

            .step("confirm-cancellation").participant("order")
                .invoke(ConfirmCancellation.class, data -> new ConfirmCancellation(data.orderId()))
                .onSuccess(OrderCancelled.class)
                .retriable()

            .build();

    private OrderCancellationSaga() {
    }
}
