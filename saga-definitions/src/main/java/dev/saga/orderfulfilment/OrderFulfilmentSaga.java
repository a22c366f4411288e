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
                .compensateWith(ReleaseStock.class, data -> new ReleaseStock(data.orderId()), StockReleased.class)

            .step("authorize-payment").participant("payment")
                .invoke(AuthorizePayment.class,
                        data -> new AuthorizePayment(data.orderId(), data.customerId(), data.amountCents()))
                .onSuccess(PaymentAuthorized.class, (data, reply) -> data.withAuthorization(reply.authorizationId()))
                .onFailure(PaymentDeclined.class, (data, reply) -> data.rejectedBecause(reply.reason()))
                .compensateWith(VoidPayment.class, data -> new VoidPayment(data.orderId()), PaymentVoided.class)

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
}
