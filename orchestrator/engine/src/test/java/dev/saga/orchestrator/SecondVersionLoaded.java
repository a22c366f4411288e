package dev.saga.orchestrator;

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
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The next release of the order-fulfilment saga, deployed beside the first: version 2 ships nothing (digital
 * goods), so it has no {@code schedule-shipment} step. Sagas at any other running state may move to it. The
 * system tests deploy it too ({@code OrchestratorRelease2}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SecondVersionLoaded {

    public static final SagaDefinition<OrderFulfilmentData> V2 = SagaDefinition
            .builder(OrderFulfilmentSaga.TYPE, 2, OrderFulfilmentData.class)
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
                .compensateWith(ReleaseStock.class, StockReserved.class, (data, reserved) ->
                        new ReleaseStock(data.orderId()), StockReleased.class)
            .step("authorize-payment").participant("payment")
                .invoke(AuthorizePayment.class,
                        data -> new AuthorizePayment(data.orderId(), data.customerId(), data.amountCents()))
                .onSuccess(PaymentAuthorized.class, (data, reply) -> data.withAuthorization(reply.authorizationId()))
                .onFailure(PaymentDeclined.class, (data, reply) -> data.rejectedBecause(reply.reason()))
                .compensateWith(VoidPayment.class, PaymentAuthorized.class, (data, authorized) ->
                        new VoidPayment(data.orderId()), PaymentVoided.class)
            .step("deduct-inventory").participant("inventory")
                .invoke(DeductInventory.class, data -> new DeductInventory(data.orderId()))
                .onSuccess(InventoryDeducted.class)
                .onFailure(InventoryDeductionFailed.class, (data, reply) -> data.rejectedBecause(reply.reason()))
            .step("capture-payment").participant("payment")
                .invoke(CapturePayment.class, data -> new CapturePayment(data.orderId()))
                .onSuccess(PaymentCaptured.class)
                .pivot()
            .step("approve-order").participant("order")
                .invoke(ApproveOrder.class, data -> new ApproveOrder(data.orderId()))
                .onSuccess(OrderApproved.class)
                .retriable()
            .build();

    /** Every running state both versions share moves; a saga at schedule-shipment finishes on version 1. */
    public static final SagaMigration<OrderFulfilmentData, OrderFulfilmentData> V1_TO_V2 = SagaMigration
            .from(OrderFulfilmentSaga.DEFINITION).to(V2)
            .states("reserve-stock", "authorize-payment", "deduct-inventory", "capture-payment", "approve-order",
                    "compensate-reserve-stock", "compensate-authorize-payment", "compensate-create-order")
            .build();

    @Bean
    SagaDefinition<?> orderFulfilmentVersion2() {
        return V2;
    }

    @Bean
    SagaMigration<?, ?> orderFulfilmentVersion1To2() {
        return V1_TO_V2;
    }
}
