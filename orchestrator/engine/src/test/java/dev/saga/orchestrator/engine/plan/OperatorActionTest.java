package dev.saga.orchestrator.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.orchestrator.engine.machine.SagaMachineModel;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import org.junit.jupiter.api.Test;

/** What an operator may do to an order-fulfilment saga, by its status and where it stands. */
class OperatorActionTest {

    private final SagaPlan<OrderFulfilmentData> plan = SagaPlan.of(OrderFulfilmentSaga.DEFINITION,
            SagaMachineModel.of(OrderFulfilmentSaga.DEFINITION).states(), new DeadlinePolicy(null, null, 8));

    @Test
    void anEndedSagaAllowsNoAction() {
        assertThat(OperatorAction.allowedAt(SagaStatus.COMPLETED, plan.state("COMPLETED"))).isEmpty();
        assertThat(OperatorAction.allowedAt(SagaStatus.COMPENSATED, plan.state("COMPENSATED"))).isEmpty();
        assertThat(OperatorAction.allowedAt(SagaStatus.FAILED, plan.state("compensate-reserve-stock"))).isEmpty();
    }

    @Test
    void aRunningSagaBeforeThePivotMayBeRetriedOrCompensated() {
        assertThat(OperatorAction.allowedAt(SagaStatus.RUNNING, plan.state("reserve-stock")))
                .containsExactly(OperatorAction.RETRY, OperatorAction.COMPENSATE);
    }

    @Test
    void fromThePivotOnASagaOnlyGoesForward() {
        assertThat(OperatorAction.allowedAt(SagaStatus.RUNNING, plan.state("capture-payment")))
                .containsExactly(OperatorAction.RETRY);
        assertThat(OperatorAction.allowedAt(SagaStatus.STUCK, plan.state("schedule-shipment")))
                .containsExactly(OperatorAction.RETRY, OperatorAction.RESUME);
    }

    @Test
    void aCompensatingSagaMayOnlyBeRetried() {
        assertThat(OperatorAction.allowedAt(SagaStatus.COMPENSATING, plan.state("compensate-reserve-stock")))
                .containsExactly(OperatorAction.RETRY);
    }
}
