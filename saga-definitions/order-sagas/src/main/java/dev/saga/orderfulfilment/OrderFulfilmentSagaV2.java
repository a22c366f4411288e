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
import dev.saga.contract.risk.FraudReviewCleared;
import dev.saga.contract.risk.FraudReviewRejected;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import java.time.Duration;

/**
 * Version 2 of the order-fulfilment saga: stock and payment in parallel, large orders held for a fraud review, the
 * payment captured some time after the goods were deducted, and the whole saga finished within a declared time.
 *
 * <table>
 *   <caption>order-fulfilment v2</caption>
 *   <tr><th>#</th><th>step</th><th>participant</th><th>command or wait</th><th>success</th><th>failure</th>
 *       <th>compensation</th></tr>
 *   <tr><td>1</td><td>create-order</td><td>order</td><td>(the order exists)</td><td></td><td></td>
 *       <td>RejectOrder</td></tr>
 *   <tr><td>2a</td><td>reserve-stock, group prepare</td><td>inventory</td><td>ReserveStock</td>
 *       <td>StockReserved</td><td>StockUnavailable</td><td>ReleaseStock</td></tr>
 *   <tr><td>2b</td><td>authorize-payment, group prepare</td><td>payment</td><td>AuthorizePayment</td>
 *       <td>PaymentAuthorized</td><td>PaymentDeclined</td><td>VoidPayment</td></tr>
 *   <tr><td>3</td><td>fraud-review, when the amount is above the review limit</td><td>risk, or an operator</td>
 *       <td>waits for risk's event, or an operator's signal</td><td>FraudReviewCleared, or signal approve</td>
 *       <td>FraudReviewRejected, signal reject, or no decision in time</td><td>(nothing to undo)</td></tr>
 *   <tr><td>4</td><td>deduct-inventory</td><td>inventory</td><td>DeductInventory</td><td>InventoryDeducted</td>
 *       <td>InventoryDeductionFailed</td><td>(none)</td></tr>
 *   <tr><td>5</td><td>capture-payment, after the capture delay</td><td>payment</td><td>CapturePayment</td>
 *       <td>PaymentCaptured</td><td></td><td>pivot</td></tr>
 *   <tr><td>6</td><td>schedule-shipment</td><td>shipping</td><td>ScheduleShipment</td><td>ShipmentScheduled</td>
 *       <td></td><td>retriable</td></tr>
 *   <tr><td>7</td><td>approve-order</td><td>order</td><td>ApproveOrder</td><td>OrderApproved</td><td></td>
 *       <td>retriable</td></tr>
 * </table>
 *
 * <p>The risk service reviews every large order as soon as it is created: it clears or rejects the clear cases
 * itself (its event may well come while {@code prepare} still runs, and is then kept for the review step), and
 * leaves the rest to an operator, who approves or rejects through the admin API. When either branch of
 * {@code prepare} fails, the group waits for the other, then releases the stock and
 * voids the authorization that succeeded (or never answered), then rejects the order. A saga not finished within
 * {@code finishWithin} is compensated before the pivot and {@code STUCK} after it. The states both versions share
 * ({@code create-order}'s compensation, {@code deduct-inventory} and everything after it, and the compensations of
 * stock and payment) mean the same in both, so a running v1 saga there may move to v2.
 */
public final class OrderFulfilmentSagaV2 {

    /** The review limit, the capture delay, how long a review may wait, and how long the whole saga may take. */
    public record Settings(long reviewAboveCents, Duration captureDelay, Duration reviewWait,
                           Duration finishWithin) {
    }

    /** Orders above 1,000.00 are reviewed within 4 hours; capture 10 minutes after deduction; done in a day. */
    public static final Settings DEFAULTS = new Settings(100_000, Duration.ofMinutes(10), Duration.ofHours(4),
            Duration.ofDays(1));

    private OrderFulfilmentSagaV2() {
    }

    /**
     * Running v1 sagas move to {@code v2} at the states both versions share; those still reserving stock or
     * authorizing the payment one after the other finish on v1.
     */
    public static SagaMigration<OrderFulfilmentData, OrderFulfilmentData> fromVersion1(
            SagaDefinition<OrderFulfilmentData> v2) {
        return SagaMigration.from(OrderFulfilmentSaga.DEFINITION).to(v2)
                .states("deduct-inventory", "capture-payment", "schedule-shipment", "approve-order",
                        "compensate-authorize-payment", "compensate-reserve-stock", "compensate-create-order")
                .build();
    }

    public static SagaDefinition<OrderFulfilmentData> definition(Settings settings) {
        return SagaDefinition.builder(OrderFulfilmentSaga.TYPE, 2, OrderFulfilmentData.class)
                .startedBy(OrderCreated.class, OrderCreated::orderId, OrderFulfilmentData::from)
                .businessKeyName("order id")
                .deadlines(Duration.ofSeconds(30), 5)
                .onTimeout(OrderFulfilmentData::rejectedBecause)
                .finishWithin(settings.finishWithin())

                .step("create-order").participant("order")
                    .compensateWith(RejectOrder.class, data -> new RejectOrder(data.orderId(),
                            data.rejectionReason()), OrderRejected.class)

                .parallel("prepare", branches -> branches
                    .step("reserve-stock").participant("inventory")
                        .invoke(ReserveStock.class, data -> new ReserveStock(data.orderId(), data.lines()))
                        .onSuccess(StockReserved.class)
                        .onFailure(StockUnavailable.class, (data, reply) -> data.rejectedBecause(reply.reason()))
                        .compensateWith(ReleaseStock.class, StockReserved.class, OrderFulfilmentSaga::releaseStock,
                                StockReleased.class)
                    .step("authorize-payment").participant("payment")
                        .invoke(AuthorizePayment.class, data -> new AuthorizePayment(data.orderId(),
                                data.customerId(), data.amountCents()))
                        .onSuccess(PaymentAuthorized.class,
                                (data, reply) -> data.withAuthorization(reply.authorizationId()))
                        .onFailure(PaymentDeclined.class, (data, reply) -> data.rejectedBecause(reply.reason()))
                        .compensateWith(VoidPayment.class, PaymentAuthorized.class, OrderFulfilmentSaga::voidPayment,
                                PaymentVoided.class))

                .step("fraud-review").participant("risk")
                    .when("amount above " + settings.reviewAboveCents() + " cents",
                            data -> data.amountCents() > settings.reviewAboveCents())
                    .succeedsOnEvent(FraudReviewCleared.class, FraudReviewCleared::orderId, (data, cleared) -> data)
                    .failsOnEvent(FraudReviewRejected.class, FraudReviewRejected::orderId, (data, rejected) ->
                            data.rejectedBecause("fraud review: rejected by " + rejected.reviewer() + " ("
                                    + rejected.why() + ")"))
                    .succeedsOnSignal("approve", ReviewDecision.class, (data, decision) -> data)
                    .failsOnSignal("reject", ReviewDecision.class, (data, decision) -> data.rejectedBecause(
                            "fraud review: rejected by " + decision.reviewer()
                                    + (decision.note() == null ? "" : " (" + decision.note() + ")")))
                    .waitsAtMost(settings.reviewWait(), false)

                .step("deduct-inventory").participant("inventory")
                    .invoke(DeductInventory.class, data -> new DeductInventory(data.orderId()))
                    .onSuccess(InventoryDeducted.class)
                    .onFailure(InventoryDeductionFailed.class, (data, reply) -> data.rejectedBecause(reply.reason()))

                .step("capture-payment").participant("payment")
                    .delayedBy(settings.captureDelay())
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
    }
}
