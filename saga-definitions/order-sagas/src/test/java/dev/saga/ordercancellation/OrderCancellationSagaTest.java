package dev.saga.ordercancellation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderCancellationRequested;
import dev.saga.contract.order.RestoreOrder;
import dev.saga.contract.payment.PaymentRefunded;
import dev.saga.contract.shipping.ShipmentAlreadyDispatched;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderCancellationSagaTest {

    private final SagaDefinition<OrderCancellationData> saga = OrderCancellationSaga.DEFINITION;
    private final OrderCancellationData data = OrderCancellationData.from(
            new OrderCancellationRequested(UUID.randomUUID(), "alice", "changed my mind"));

    @Test
    void runsTheStepsOfTheDesignTableInOrder() {
        assertThat(saga.forwardSteps()).extracting(SagaStep::name).containsExactly("cancel-shipment",
                "refund-payment", "restock", "confirm-cancellation");
        assertThat(saga.forwardSteps()).extracting(SagaStep::participant).containsExactly("shipping", "payment",
                "inventory", "order");
        assertThat(saga.forwardSteps()).extracting(step -> MessageTypes.nameOf(step.commandFor(data).getClass()))
                .containsExactly("shipping.CancelShipment", "payment.RefundPayment", "inventory.RestockOrder",
                        "order.ConfirmCancellation");
    }

    @Test
    void theRefundIsThePointOfNoReturnAndWhatFollowsIsRetried() {
        assertThat(saga.pivot()).map(SagaStep::name).contains("refund-payment");
        assertThat(saga.isBeforePivot("cancel-shipment")).isTrue();
        assertThat(saga.isBeforePivot("restock")).isFalse();
        assertThat(saga.step("restock").retriable()).isTrue();
        assertThat(saga.step("confirm-cancellation").retriable()).isTrue();
    }

    @Test
    void aDispatchedParcelRestoresTheOrderWithTheReason() {
        SagaStep<OrderCancellationData> cancelShipment = saga.step("cancel-shipment");
        OrderCancellationData refused = cancelShipment.failureReply(ShipmentAlreadyDispatched.class).orElseThrow()
                .apply(data, new ShipmentAlreadyDispatched(data.orderId(), "parcel left the warehouse"));

        assertThat(saga.compensationsBefore("cancel-shipment")).extracting(SagaStep::name)
                .containsExactly("request-cancellation");
        RestoreOrder restore = (RestoreOrder) saga.step("request-cancellation")
                .compensationFor(refused, Optional.empty());
        assertThat(restore).isEqualTo(new RestoreOrder(data.orderId(),
                "cancellation refused: parcel left the warehouse"));
    }

    @Test
    void theRefundedAmountIsKeptWithTheSaga() {
        OrderCancellationData refunded = saga.step("refund-payment").successReply(PaymentRefunded.class)
                .orElseThrow().apply(data, new PaymentRefunded(data.orderId(), 2500));

        assertThat(refunded.refundedCents()).isEqualTo(2500);
    }

    @Test
    void oneOrderHasOneCancellationSagaApartFromItsFulfilmentSaga() {
        String key = saga.start().businessKey().apply(new OrderCancellationRequested(data.orderId(), "alice", null));
        assertThat(saga.sagaIdFor(key)).isEqualTo(saga.sagaIdFor(data.orderId().toString()))
                .isNotEqualTo(OrderFulfilmentSaga.DEFINITION.sagaIdFor(key));
        assertThat(MessageTypes.eventRoutingKey(OrderCancellationRequested.class))
                .isEqualTo("order.cancellation-requested");
    }
}
