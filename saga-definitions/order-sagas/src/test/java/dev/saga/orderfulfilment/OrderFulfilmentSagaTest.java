package dev.saga.orderfulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.Contracts;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.order.RejectOrder;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.MessageUse;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderFulfilmentSagaTest {

    private final SagaDefinition<OrderFulfilmentData> saga = OrderFulfilmentSaga.DEFINITION;
    private final OrderFulfilmentData data = OrderFulfilmentData.from(new OrderCreated(UUID.randomUUID(), "alice",
            List.of(new OrderLine("SKU-BOOK", 2)), 5000));

    @Test
    void runsTheStepsOfTheDesignTableInOrder() {
        assertThat(saga.forwardSteps()).extracting(SagaStep::name).containsExactly("reserve-stock",
                "authorize-payment", "deduct-inventory", "capture-payment", "schedule-shipment", "approve-order");
        assertThat(saga.forwardSteps()).extracting(SagaStep::participant).containsExactly("inventory", "payment",
                "inventory", "payment", "shipping", "order");
        assertThat(saga.forwardSteps()).extracting(step -> MessageTypes.nameOf(step.commandFor(data).getClass()))
                .containsExactly("inventory.ReserveStock", "payment.AuthorizePayment", "inventory.DeductInventory",
                        "payment.CapturePayment", "shipping.ScheduleShipment", "order.ApproveOrder");
    }

    @Test
    void namesEveryMessageItUsesAndTheOrderContractsRegisterThemAll() {
        assertThat(saga.messageUses()).contains(new MessageUse(OrderCreated.class, "starts it"),
                new MessageUse(ReserveStock.class, "step reserve-stock command"),
                new MessageUse(StockReserved.class, "step reserve-stock success reply"),
                new MessageUse(StockUnavailable.class, "step reserve-stock failure reply"),
                new MessageUse(ReleaseStock.class, "step reserve-stock compensation"),
                new MessageUse(StockReleased.class, "step reserve-stock compensation reply"));
        assertThat(saga.messageUses()).allSatisfy(use -> assertThat(Contracts.TYPES.contains(use.type()))
                .as(use.toString()).isTrue());
    }

    @Test
    void capturingThePaymentIsThePointOfNoReturn() {
        assertThat(saga.pivot()).map(SagaStep::name).contains("capture-payment");
        assertThat(saga.isBeforePivot("deduct-inventory")).isTrue();
        assertThat(saga.isBeforePivot("schedule-shipment")).isFalse();
        assertThat(saga.step("schedule-shipment").retriable()).isTrue();
        assertThat(saga.step("approve-order").retriable()).isTrue();
    }

    @Test
    void compensatesCompletedStepsInReverseOrderAndRejectsTheOrderLast() {
        assertThat(saga.compensationsBefore("deduct-inventory")).extracting(SagaStep::name)
                .containsExactly("authorize-payment", "reserve-stock", "create-order");
        assertThat(saga.compensationsBefore("authorize-payment")).extracting(SagaStep::name)
                .containsExactly("reserve-stock", "create-order");
        assertThat(saga.compensationsBefore("reserve-stock")).extracting(SagaStep::name)
                .containsExactly("create-order");
        assertThat(saga.compensationsBefore("deduct-inventory"))
                .extracting(step -> step.compensationFor(data, Optional.empty()).getClass().getSimpleName())
                .containsExactly("VoidPayment", "ReleaseStock", "RejectOrder");
    }

    @Test
    void failureReplyCarriesItsReasonIntoTheRejection() {
        SagaStep<OrderFulfilmentData> reserve = saga.step("reserve-stock");
        OrderFulfilmentData failed = reserve.failureReply(StockUnavailable.class).orElseThrow()
                .apply(data, new StockUnavailable(data.orderId(), "SKU-BOOK", "SKU-BOOK: 0 on hand"));
        RejectOrder reject = (RejectOrder) saga.step("create-order").compensationFor(failed, Optional.empty());
        assertThat(reject.reason()).isEqualTo("SKU-BOOK: 0 on hand");
        assertThat(reserve.commandFor(data)).isEqualTo(new ReserveStock(data.orderId(), data.lines()));
    }

    @Test
    void releasesTheStockTheReplyNamesOrTheOrdersWhenTheReservationNeverAnswered() {
        SagaStep<OrderFulfilmentData> reserve = saga.step("reserve-stock");
        assertThat(reserve.compensationReads()).isEqualTo(StockReserved.class);
        assertThat(reserve.compensationFor(data, Optional.of(new StockReserved(data.orderId()))))
                .isEqualTo(new ReleaseStock(data.orderId()));
        assertThat(reserve.compensationFor(data, Optional.empty())).isEqualTo(new ReleaseStock(data.orderId()));
    }

    @Test
    void theSameOrderAlwaysMapsToTheSameSaga() {
        String key = saga.start().businessKey().apply(new OrderCreated(data.orderId(), "alice", data.lines(), 1));
        assertThat(saga.sagaIdFor(key)).isEqualTo(saga.sagaIdFor(data.orderId().toString()))
                .isNotEqualTo(saga.sagaIdFor(UUID.randomUUID().toString()));
    }

    @Test
    void contractTypesAreNamedByOwnerAndRoutedInKebabCase() {
        assertThat(MessageTypes.nameOf(ReserveStock.class)).isEqualTo("inventory.ReserveStock");
        assertThat(MessageTypes.kebab(ReserveStock.class)).isEqualTo("reserve-stock");
        assertThat(MessageTypes.eventRoutingKey(OrderCreated.class)).isEqualTo("order.created");
    }
}
