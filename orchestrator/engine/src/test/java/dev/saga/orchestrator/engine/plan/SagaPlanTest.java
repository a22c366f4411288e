package dev.saga.orchestrator.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.order.RejectOrder;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.SagaDefinition;
import dev.saga.example.trip.TripBookingSaga;
import dev.saga.example.trip.TripBookingSaga.CancelFlight;
import dev.saga.example.trip.TripBookingSaga.FlightBooked;
import dev.saga.example.trip.TripBookingSaga.Trip;
import dev.saga.orchestrator.engine.machine.SagaMachineModel;
import dev.saga.ordercancellation.OrderCancellationSaga;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every state of both demo sagas, resolved once into its plan entry, against the design table. */
class SagaPlanTest {

    private static final DeadlinePolicy AS_DECLARED = new DeadlinePolicy(null, null, 8);

    private final SagaPlan<OrderFulfilmentData> orders = planOf(OrderFulfilmentSaga.DEFINITION, AS_DECLARED);
    private final SagaPlan<?> cancellations = planOf(OrderCancellationSaga.DEFINITION, AS_DECLARED);

    @Test
    void resolvesEveryOrderFulfilmentStateToItsStepPhaseStatusAndWhatSilenceDoes() {
        assertThat(orders.states()).extracting(SagaPlanTest::position).containsExactly(
                "NEW: no step, FORWARD, RUNNING, nothing awaited",
                "reserve-stock: reserve-stock COMMAND, FORWARD, RUNNING, unanswered COMPENSATE",
                "authorize-payment: authorize-payment COMMAND, FORWARD, RUNNING, unanswered COMPENSATE",
                "deduct-inventory: deduct-inventory COMMAND, FORWARD, RUNNING, unanswered COMPENSATE",
                "capture-payment: capture-payment COMMAND, FORWARD, RUNNING, unanswered STUCK",
                "schedule-shipment: schedule-shipment COMMAND, FORWARD, RUNNING, unanswered STUCK",
                "approve-order: approve-order COMMAND, FORWARD, RUNNING, unanswered STUCK",
                "compensate-create-order: create-order COMMAND, COMPENSATING, COMPENSATING, unanswered FAIL",
                "compensate-reserve-stock: reserve-stock COMMAND, COMPENSATING, COMPENSATING, unanswered FAIL",
                "compensate-authorize-payment: authorize-payment COMMAND, COMPENSATING, COMPENSATING, unanswered FAIL",
                "COMPLETED: no step, FORWARD, COMPLETED, nothing awaited",
                "COMPENSATED: no step, COMPENSATING, COMPENSATED, nothing awaited");
    }

    @Test
    void resolvesEveryOrderCancellationStateToItsStepPhaseStatusAndWhatSilenceDoes() {
        assertThat(cancellations.states()).extracting(SagaPlanTest::position).containsExactly(
                "NEW: no step, FORWARD, RUNNING, nothing awaited",
                "cancel-shipment: cancel-shipment COMMAND, FORWARD, RUNNING, unanswered COMPENSATE",
                "refund-payment: refund-payment COMMAND, FORWARD, RUNNING, unanswered STUCK",
                "restock: restock COMMAND, FORWARD, RUNNING, unanswered STUCK",
                "confirm-cancellation: confirm-cancellation COMMAND, FORWARD, RUNNING, unanswered STUCK",
                "compensate-request-cancellation: request-cancellation COMMAND, COMPENSATING, COMPENSATING,"
                        + " unanswered FAIL",
                "COMPLETED: no step, FORWARD, COMPLETED, nothing awaited",
                "COMPENSATED: no step, COMPENSATING, COMPENSATED, nothing awaited");
    }

    @Test
    void forwardStatesExpectTheirOutcomesAndCompensationsOnlyTheirConfirmation() {
        assertThat(orders.states()).extracting(SagaPlanTest::replies).containsExactly(
                "NEW:",
                "reserve-stock: inventory.StockReserved SUCCEEDED, inventory.StockUnavailable FAILED",
                "authorize-payment: payment.PaymentAuthorized SUCCEEDED, payment.PaymentDeclined FAILED",
                "deduct-inventory: inventory.InventoryDeducted SUCCEEDED, inventory.InventoryDeductionFailed FAILED",
                "capture-payment: payment.PaymentCaptured SUCCEEDED",
                "schedule-shipment: shipping.ShipmentScheduled SUCCEEDED",
                "approve-order: order.OrderApproved SUCCEEDED",
                "compensate-create-order: order.OrderRejected SUCCEEDED",
                "compensate-reserve-stock: inventory.StockReleased SUCCEEDED",
                "compensate-authorize-payment: payment.PaymentVoided SUCCEEDED",
                "COMPLETED:",
                "COMPENSATED:");
        assertThat(cancellations.states()).extracting(SagaPlanTest::replies).containsExactly(
                "NEW:",
                "cancel-shipment: shipping.ShipmentCancelled SUCCEEDED, shipping.ShipmentAlreadyDispatched FAILED",
                "refund-payment: payment.PaymentRefunded SUCCEEDED",
                "restock: inventory.StockRestocked SUCCEEDED",
                "confirm-cancellation: order.OrderCancelled SUCCEEDED",
                "compensate-request-cancellation: order.OrderRestored SUCCEEDED",
                "COMPLETED:",
                "COMPENSATED:");
        assertThat(orders.state("compensate-reserve-stock").expecting(StockReserved.class))
                .as("the forward reply does not confirm a compensation").isEmpty();
    }

    @Test
    void anExpectedReplyChangesTheSagaDataAsItsStepSays() {
        OrderFulfilmentData data = order();
        ExpectedReply<OrderFulfilmentData> unavailable = orders.state("reserve-stock")
                .expecting(StockUnavailable.class).orElseThrow();

        assertThat(unavailable.outcome()).isEqualTo(SagaEvent.FAILED);
        assertThat(unavailable.apply(data, new StockUnavailable(data.orderId(), "SKU-BOOK", "only 1 left"))
                .rejectionReason()).isEqualTo("only 1 left");
    }

    @Test
    void eachStepStateSendsItsCommandOrCompensationToItsParticipant() {
        assertThat(orders.states()).filteredOn(PlannedState::hasStep).extracting(SagaPlanTest::message)
                .containsExactly(
                        "reserve-stock: inventory.ReserveStock to inventory.reserve-stock, replies on"
                                + " order-fulfilment.inventory",
                        "authorize-payment: payment.AuthorizePayment to payment.authorize-payment, replies on"
                                + " order-fulfilment.payment",
                        "deduct-inventory: inventory.DeductInventory to inventory.deduct-inventory, replies on"
                                + " order-fulfilment.inventory",
                        "capture-payment: payment.CapturePayment to payment.capture-payment, replies on"
                                + " order-fulfilment.payment",
                        "schedule-shipment: shipping.ScheduleShipment to shipping.schedule-shipment, replies on"
                                + " order-fulfilment.shipping",
                        "approve-order: order.ApproveOrder to order.approve-order, replies on order-fulfilment.order",
                        "compensate-create-order: order.RejectOrder to order.reject-order, replies on"
                                + " order-fulfilment.order",
                        "compensate-reserve-stock: inventory.ReleaseStock to inventory.release-stock, replies on"
                                + " order-fulfilment.inventory",
                        "compensate-authorize-payment: payment.VoidPayment to payment.void-payment, replies on"
                                + " order-fulfilment.payment");
        assertThat(cancellations.states()).filteredOn(PlannedState::hasStep).extracting(SagaPlanTest::message)
                .containsExactly(
                        "cancel-shipment: shipping.CancelShipment to shipping.cancel-shipment, replies on"
                                + " order-cancellation.shipping",
                        "refund-payment: payment.RefundPayment to payment.refund-payment, replies on"
                                + " order-cancellation.payment",
                        "restock: inventory.RestockOrder to inventory.restock-order, replies on"
                                + " order-cancellation.inventory",
                        "confirm-cancellation: order.ConfirmCancellation to order.confirm-cancellation, replies on"
                                + " order-cancellation.order",
                        "compensate-request-cancellation: order.RestoreOrder to order.restore-order, replies on"
                                + " order-cancellation.order");
    }

    @Test
    void theMessageIsBuiltFromTheSagaDataAsItIsNow() {
        OrderFulfilmentData data = order().rejectedBecause("no stock");

        assertThat(orders.state("reserve-stock").message().contentFor(data, Optional.empty()))
                .isEqualTo(new ReserveStock(data.orderId(), data.lines()));
        assertThat(orders.state("compensate-create-order").message().contentFor(data, Optional.empty()))
                .isEqualTo(new RejectOrder(data.orderId(), "no stock"));
    }

    @Test
    void aCompensationReadsItsStepsSuccessReplyWhenItCameAndTheDataWhenTheStepTimedOut() {
        SagaPlan<Trip> trips = planOf(TripBookingSaga.DEFINITION, AS_DECLARED);
        Trip trip = new Trip(UUID.randomUUID(), "ada", null);
        OutgoingMessage<Trip> cancelFlight = trips.state("compensate-book-flight").message();

        assertThat(cancelFlight.reads()).isEqualTo(FlightBooked.class);
        assertThat(cancelFlight.contentFor(trip, Optional.of(new FlightBooked(trip.tripId(), "ABC123"))))
                .isEqualTo(new CancelFlight(trip.tripId(), "ABC123"));
        assertThat(cancelFlight.contentFor(trip, Optional.empty())).isEqualTo(new CancelFlight(trip.tripId(), null));
        assertThat(trips.state("book-flight").message().reads()).as("a command reads no reply").isNull();
    }

    @Test
    void theStartAndTheEndsWaitForNothingAndSendNothing() {
        for (String name : List.of("NEW", "COMPLETED", "COMPENSATED")) {
            PlannedState<OrderFulfilmentData> state = orders.state(name);
            assertThat(state.hasStep()).as(name).isFalse();
            assertThat(state.message()).as(name).isNull();
            assertThat(state.dueAt(Instant.now(), 1)).as(name).isNull();
        }
        assertThat(orders.state("NEW").isEnd()).isFalse();
        assertThat(orders.state("COMPLETED").isEnd()).isTrue();
        assertThat(orders.state("COMPENSATED").isEnd()).isTrue();
    }

    @Test
    void deadlinesAreTheDeclaredOnesWithTheirBackoffWhenNothingIsOverridden() {
        Instant sent = Instant.parse("2025-01-31T12:00:00Z");
        for (PlannedStep step : orders.steps()) {
            assertThat(step.declaredDeadline().timeout()).as(step.name()).isEqualTo(Duration.ofSeconds(30));
            assertThat(step.deadline()).as(step.name()).isEqualTo(new StepDeadline(Duration.ofSeconds(30), 5, 8));
        }
        PlannedState<?> reserving = orders.state("reserve-stock");
        assertThat(List.of(1, 2, 3, 4, 5)).extracting(attempt -> reserving.dueAt(sent, attempt)).containsExactly(
                sent.plusSeconds(30), sent.plusSeconds(60), sent.plusSeconds(120), sent.plusSeconds(240),
                sent.plusSeconds(240));
        assertThat(orders.state("compensate-reserve-stock").dueAt(sent, 2)).as("a compensation waits as its step")
                .isEqualTo(sent.plusSeconds(60));
        assertThat(reserving.step().deadline().allowsAttempt(5)).isTrue();
        assertThat(reserving.step().deadline().allowsAttempt(6)).isFalse();
    }

    @Test
    void overriddenDeadlinesReplaceEveryDeclaredOneButTheDeclaredOneIsStillKnown() {
        SagaPlan<?> drill = planOf(OrderFulfilmentSaga.DEFINITION, new DeadlinePolicy(Duration.ofMinutes(5), 1, 2));

        for (PlannedStep step : drill.steps()) {
            assertThat(step.deadline()).as(step.name()).isEqualTo(new StepDeadline(Duration.ofMinutes(5), 1, 2));
            assertThat(step.declaredDeadline().attempts()).as(step.name()).isEqualTo(5);
        }
        assertThat(drill.state("reserve-stock").step().deadline().timeoutOf(3)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aStoredStateMapsToTheOnePositionItNamesAndBack() {
        List<PlannedState<OrderFulfilmentData>> positions = orders.positionsOf("compensate-reserve-stock");

        assertThat(positions).singleElement().satisfies(position -> {
            assertThat(position.step().name()).isEqualTo("reserve-stock");
            assertThat(position.phase()).isEqualTo(Phase.COMPENSATING);
            assertThat(position.name()).isEqualTo("compensate-reserve-stock");
        });
        assertThat(orders.positionsOf("compensate-schedule-shipment")).isEmpty();
        assertThatThrownBy(() -> orders.state("compensate-schedule-shipment"))
                .hasMessageContaining("has no state compensate-schedule-shipment");
    }

    @Test
    void aMachineStateNoStepExplainsFailsTheLoad() {
        assertThatThrownBy(() -> SagaPlan.of(OrderFulfilmentSaga.DEFINITION, List.of("NEW", "pack-parcel"),
                AS_DECLARED)).hasMessageContaining("state pack-parcel belongs to no step");
    }

    private static <D> SagaPlan<D> planOf(SagaDefinition<D> definition, DeadlinePolicy deadlines) {
        return SagaPlan.of(definition, SagaMachineModel.of(definition).states(), deadlines);
    }

    private static OrderFulfilmentData order() {
        return OrderFulfilmentData.from(new OrderCreated(UUID.randomUUID(), "alice",
                List.of(new OrderLine("SKU-BOOK", 2)), 5000));
    }

    private static String position(PlannedState<?> state) {
        String step = state.hasStep() ? state.step().name() + " " + state.step().kind() : "no step";
        String silence = state.whenUnanswered() == null ? "nothing awaited" : "unanswered " + state.whenUnanswered();
        return state.name() + ": " + step + ", " + state.phase() + ", " + state.status() + ", " + silence;
    }

    private static String replies(PlannedState<?> state) {
        return state.name() + ":" + state.replies().stream()
                .map(reply -> " " + MessageTypes.nameOf(reply.type()) + " " + reply.outcome())
                .collect(Collectors.joining(","));
    }

    private static String message(PlannedState<?> state) {
        OutgoingMessage<?> message = state.message();
        return state.name() + ": " + message.typeName() + " to " + message.routingKey() + ", replies on "
                + message.replyTo();
    }
}
