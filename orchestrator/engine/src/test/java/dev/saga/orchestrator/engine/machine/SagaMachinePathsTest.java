package dev.saga.orchestrator.engine.machine;

import static dev.saga.orchestrator.engine.plan.SagaEvent.FAILED;
import static dev.saga.orchestrator.engine.plan.SagaEvent.START;
import static dev.saga.orchestrator.engine.plan.SagaEvent.SUCCEEDED;
import static dev.saga.orchestrator.engine.plan.SagaEvent.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.definition.SagaDefinition;
import dev.saga.example.trip.TripBookingSaga;
import dev.saga.orchestrator.engine.plan.DeadlinePolicy;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import dev.saga.orchestrator.engine.plan.SagaStates;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.orchestrator.engine.plan.SagaTransitions;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every path of both sagas through the generated state machines, event by event. */
class SagaMachinePathsTest {

    private final SagaTransitions orders = transitionsOf(OrderFulfilmentSaga.DEFINITION);
    private final SagaTransitions trips = transitionsOf(TripBookingSaga.DEFINITION);

    @Test
    void orderHappyPathRunsEveryStepThenCompletes() {
        assertThat(walk(orders, START, SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED))
                .containsExactly("reserve-stock", "authorize-payment", "deduct-inventory", "capture-payment",
                        "schedule-shipment", "approve-order", "COMPLETED");
    }

    @Test
    void stockUnavailableOnlyRejectsTheOrder() {
        assertThat(walk(orders, START, FAILED, SUCCEEDED))
                .containsExactly("reserve-stock", "compensate-create-order", "COMPENSATED");
    }

    @Test
    void paymentDeclinedReleasesStockThenRejectsTheOrder() {
        assertThat(walk(orders, START, SUCCEEDED, FAILED, SUCCEEDED, SUCCEEDED))
                .containsExactly("reserve-stock", "authorize-payment", "compensate-reserve-stock",
                        "compensate-create-order", "COMPENSATED");
    }

    @Test
    void inventoryDeductionFailedVoidsPaymentReleasesStockAndRejectsTheOrder() {
        assertThat(walk(orders, START, SUCCEEDED, SUCCEEDED, FAILED, SUCCEEDED, SUCCEEDED, SUCCEEDED))
                .containsExactly("reserve-stock", "authorize-payment", "deduct-inventory",
                        "compensate-authorize-payment", "compensate-reserve-stock", "compensate-create-order",
                        "COMPENSATED");
    }

    @Test
    void noFailureIsAcceptedAtOrAfterThePivot() {
        for (String step : List.of("capture-payment", "schedule-shipment", "approve-order")) {
            assertThatThrownBy(() -> orders.next(step, FAILED)).hasMessageContaining("no transition from " + step);
        }
    }

    @Test
    void askingAgainGivesTheSameAnswerAndARefusalIsRefusedEveryTime() {
        String first = orders.next("reserve-stock", SUCCEEDED);
        assertThat(orders.next("reserve-stock", SUCCEEDED)).isEqualTo(first).isEqualTo("authorize-payment");
        for (int ask = 0; ask < 2; ask++) {
            assertThatThrownBy(() -> orders.next("COMPLETED", SUCCEEDED)).hasMessageContaining("no transition");
        }
    }

    @Test
    void aStepThatNeverAnsweredIsUndoneItselfBeforeThePivot() {
        assertThat(orders.next("reserve-stock", TIMED_OUT)).isEqualTo("compensate-reserve-stock");
        assertThat(orders.next("authorize-payment", TIMED_OUT)).isEqualTo("compensate-authorize-payment");
        assertThat(orders.next("deduct-inventory", TIMED_OUT)).isEqualTo("compensate-authorize-payment");
        assertThatThrownBy(() -> orders.next("capture-payment", TIMED_OUT)).hasMessageContaining("no transition");
    }

    @Test
    void tripHappyPathBooksFlightHotelAndCar() {
        assertThat(walk(trips, START, SUCCEEDED, SUCCEEDED, SUCCEEDED))
                .containsExactly("book-flight", "book-hotel", "rent-car", "COMPLETED");
    }

    @Test
    void tripWithoutCarCancelsHotelThenFlight() {
        assertThat(walk(trips, START, SUCCEEDED, SUCCEEDED, FAILED, SUCCEEDED, SUCCEEDED))
                .containsExactly("book-flight", "book-hotel", "rent-car", "compensate-book-hotel",
                        "compensate-book-flight", "COMPENSATED");
    }

    @Test
    void tripWithFullFlightEndsCompensatedWithNothingToUndo() {
        assertThat(walk(trips, START, FAILED)).containsExactly("book-flight", "COMPENSATED");
    }

    @Test
    void statesMapToOperatorStatuses() {
        SagaPlan<?> plan = SagaPlan.of(OrderFulfilmentSaga.DEFINITION,
                SagaMachineModel.of(OrderFulfilmentSaga.DEFINITION).states(), new DeadlinePolicy(null, null, 8));
        assertThat(plan.state("deduct-inventory").status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(plan.state("compensate-reserve-stock").status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(plan.state("COMPENSATED").status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    @Test
    void diagramShowsEveryTransition() {
        String diagram = orders.diagram();
        assertThat(diagram).startsWith("stateDiagram-v2")
                .contains("deduct_inventory --> compensate_authorize_payment : FAILED")
                .contains("approve_order --> COMPLETED : SUCCEEDED");
    }

    @Test
    void reusedMachinesGiveTheSameAnswersAcrossManySagas() {
        for (int i = 0; i < 200; i++) {
            assertThat(orders.next("authorize-payment", i % 2 == 0 ? SUCCEEDED : FAILED))
                    .isEqualTo(i % 2 == 0 ? "deduct-inventory" : "compensate-reserve-stock");
        }
    }

    @Test
    void aMachineThatEndedASagaServesTheNextSaga() {
        assertThat(orders.next("approve-order", SUCCEEDED)).isEqualTo("COMPLETED");
        assertThat(orders.next("NEW", START)).isEqualTo("reserve-stock");
        assertThat(orders.next("compensate-create-order", SUCCEEDED)).isEqualTo("COMPENSATED");
        assertThat(orders.next("deduct-inventory", FAILED)).isEqualTo("compensate-authorize-payment");
    }

    private static List<String> walk(SagaTransitions transitions, SagaEvent... events) {
        List<String> visited = new ArrayList<>();
        String state = SagaStates.NEW;
        for (SagaEvent event : events) {
            state = transitions.next(state, event);
            visited.add(state);
        }
        return visited;
    }

    private static SagaTransitions transitionsOf(SagaDefinition<?> definition) {
        return new ReusedStateMachineTransitions(SagaMachineModel.of(definition));
    }
}
