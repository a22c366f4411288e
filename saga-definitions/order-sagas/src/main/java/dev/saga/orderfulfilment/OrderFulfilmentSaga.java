package dev.saga.orderfulfilment;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.InventoryDeductionFailed;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderRejected;
import dev.saga.contract.order.RejectOrder;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.payment.PaymentVoided;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.definition.SagaDefinition;
import java.time.Duration;
import java.util.Optional;

/**
 * The order-fulfilment saga, step by step as in the design's table. The order service already created the
 * order when the saga starts, so {@code create-order} only knows how to undo it: reject the order.
 */
public final class OrderFulfilmentSaga {

    public static final String TYPE = "order-fulfilment";

    public static final SagaDefinition<OrderFulfilmentData> DEFINITION = SagaDefinition
            .builder(TYPE, 1, OrderFulfilmentData.class)
            .startedBy(OrderCreated.class, OrderCreated::orderId, OrderFulfilmentData::from)
            .businessKeyName("order id")
            .deadlines(Duration.ofSeconds(30), 5)
            .onTimeout(OrderFulfilmentData::rejectedBecause)

            .step("create-order").participant("order")
                .compensateWith(RejectOrder.class, data -> new RejectOrder(data.orderId(), data.rejectionReason()),
                        OrderRejected.class)

            .step("reserve-stock").participant("inventory")
                .invoke(ReserveStock.class, data -> new ReserveStock(data.orderId(), data.lines()))
                .onSuccess(StockReserved.class)
                .onFailure(StockUnavailable.class, (data, reply) -> data.rejectedBecause(reply.reason()))
                .compensateWith(ReleaseStock.class, StockReserved.class, OrderFulfilmentSaga::releaseStock,
                        StockReleased.class)

            .step("authorize-payment").participant("payment")
                .invoke(AuthorizePayment.class,
                        data -> new AuthorizePayment(data.orderId(), data.customerId(), data.amountCents()))
                .onSuccess(PaymentAuthorized.class, (data, reply) -> data.withAuthorization(reply.authorizationId()))
                .onFailure(PaymentDeclined.class, (data, reply) -> data.rejectedBecause(reply.reason()))
                .compensateWith(VoidPayment.class, PaymentAuthorized.class, OrderFulfilmentSaga::voidPayment,
                        PaymentVoided.class)

            .step("deduct-inventory").participant("inventory")
                .invoke(DeductInventory.class, data -> new DeductInventory(data.orderId()))
                .onSuccess(InventoryDeducted.class)
                .onFailure(InventoryDeductionFailed.class, (data, reply) -> data.rejectedBecause(reply.reason()))

            .step("capture-payment").participant("payment")
                .invoke(CapturePayment.class, data -> new CapturePayment(data.orderId()))
                .onSuccess(PaymentCaptured.class)
                .pivot()

            .step("schedule-shipment").participant("shipping")
                .invoke(ScheduleShipment.class, data -> new ScheduleShipment(data.orderId(), data.lines()))
                .onSuccess(ShipmentScheduled.class, (data, reply) -> data.withShipment(reply.shipmentId()))
                .retriable()

            .step("approve-order").participant("order")
                .invoke(ApproveOrder.class, data -> new ApproveOrder(data.orderId()))
                .onSuccess(OrderApproved.class)
                .retriable()

            .build();

    private OrderFulfilmentSaga() {
    }

    /**
     * Releases what the reservation held, named by the reply when it came. Without it (the reservation never
     * answered) the order id from the data still names it: the inventory service keys reservations by order, and
     * releasing one it never made leaves a tombstone that refuses the late reservation.
     */
    static ReleaseStock releaseStock(OrderFulfilmentData data, Optional<StockReserved> reserved) {
        return new ReleaseStock(reserved.map(StockReserved::orderId).orElse(data.orderId()));
    }

    /**
     * Voids the authorization of the order the reply names; without the reply (the payment service never answered)
     * the data's order id does as well: the payment service keys authorizations by order, and voiding one it never
     * made leaves a tombstone too.
     */
    static VoidPayment voidPayment(OrderFulfilmentData data, Optional<PaymentAuthorized> authorized) {
        return new VoidPayment(authorized.map(PaymentAuthorized::orderId).orElse(data.orderId()));
    }
}
