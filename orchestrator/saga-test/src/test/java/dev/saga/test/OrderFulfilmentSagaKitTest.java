package dev.saga.test;

import static dev.saga.orchestrator.engine.plan.SagaStatus.COMPENSATED;
import static dev.saga.orchestrator.engine.plan.SagaStatus.COMPENSATING;
import static dev.saga.orchestrator.engine.plan.SagaStatus.COMPLETED;
import static dev.saga.orchestrator.engine.plan.SagaStatus.FAILED;
import static dev.saga.orchestrator.engine.plan.SagaStatus.RUNNING;
import static dev.saga.orchestrator.engine.plan.SagaStatus.STUCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.order.RejectOrder;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.contract.saga.SagaFinished;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.orchestrator.engine.TimelineLog.Kind;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order-fulfilment saga told as stories through the kit: the business flow, deadlines, duplicates. */
class OrderFulfilmentSagaKitTest {

    private final UUID orderId = UUID.randomUUID();
    private final UUID authorization = UUID.randomUUID();
    private final UUID shipment = UUID.randomUUID();
    private final SagaTestKit<OrderFulfilmentData> saga = SagaTestKit.of(OrderFulfilmentSaga.DEFINITION);

    @Test
    void runsEveryStepInOrderAndCompletesOnTheHappyPath() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class, cmd -> assertThat(cmd.lines()).containsExactly(
                        new OrderLine("SKU-BOOK", 2)))
                .reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class, cmd -> assertThat(cmd.amountCents()).isEqualTo(5000))
                .reply(new PaymentAuthorized(orderId, authorization))
                .expectCommand(DeductInventory.class)
                .reply(new InventoryDeducted(orderId))
                .expectCommand(CapturePayment.class)
                .reply(new PaymentCaptured(orderId))
                .expectCommand(ScheduleShipment.class)
                .reply(new ShipmentScheduled(orderId, shipment))
                .expectCommand(ApproveOrder.class)
                .reply(new OrderApproved(orderId))
                .expectStatus(COMPLETED)
                .expectNoMoreCommands()
                .expectData(data -> {
                    assertThat(data.authorizationId()).isEqualTo(authorization);
                    assertThat(data.shipmentId()).isEqualTo(shipment);
                });
        assertThat(saga.sent()).last().satisfies(end -> assertThat(end.payload()).isInstanceOfSatisfying(
                SagaFinished.class, finished -> assertThat(finished.outcome()).isEqualTo("COMPLETED")));
    }

    @Test
    void releasesStockThenRejectsTheOrderWhenPaymentIsDeclined() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class)
                .reply(new PaymentDeclined(orderId, "credit limit reached"))
                .expectCompensations(ReleaseStock.class, RejectOrder.class)
                .expectStatus(COMPENSATED)
                .expectNoMoreCommands()
                .expectData(data -> assertThat(data.rejectionReason()).isEqualTo("credit limit reached"))
                .expectFailureReason(reason -> assertThat(reason).contains("authorize-payment failed"));
    }

    @Test
    void aCompensationCarriesTheReasonTheSagaRecorded() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class)
                .reply(new PaymentDeclined(orderId, "card expired"))
                .expectCompensation(ReleaseStock.class)
                .reply(new StockReleased(orderId))
                .expectCompensation(RejectOrder.class, cmd -> assertThat(cmd.reason()).isEqualTo("card expired"))
                .expectStatus(COMPENSATING);
    }

    @Test
    void everyCompensationWorksWhenTheStepItUndoesNeverAnswered() {
        saga.expectEveryCompensationToSurviveATimeout(twoBooks());
    }

    @Test
    void aPassedDeadlineResendsTheSameCommandAndTheLastOneCompensatesTheStepItself() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class)
                .passDeadline()
                .expectResend(AuthorizePayment.class)
                .expectStatus(RUNNING)
                .neverAnswer()
                .expectCompensations(VoidPayment.class, ReleaseStock.class, RejectOrder.class)
                .expectStatus(COMPENSATED)
                .expectData(data -> assertThat(data.rejectionReason())
                        .isEqualTo("no reply to authorize-payment after 5 attempt(s)"));
        assertThat(saga.timeline()).filteredOn(e -> e.kind() == Kind.DEADLINE_FIRED).hasSize(5);
    }

    @Test
    void aDeadlineWaitsLongerForEachAttempt() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .advance(Duration.ofSeconds(29))
                .expectNoMoreCommands()
                .advance(Duration.ofSeconds(1))
                .expectResend(ReserveStock.class)
                .advance(Duration.ofSeconds(59))
                .expectNoMoreCommands()
                .advance(Duration.ofSeconds(1))
                .expectResend(ReserveStock.class);
    }

    @Test
    void pastThePivotAStepThatNeverAnswersLeavesTheSagaStuckWithNothingUndone() {
        saga.start(twoBooks());
        answerUpToShipping();
        saga.expectCommand(ScheduleShipment.class)
                .neverAnswer()
                .expectStatus(STUCK)
                .expectState("schedule-shipment")
                .expectNoMoreCommands()
                .expectFailureReason(reason -> assertThat(reason).contains("an operator must act"));
        assertThat(saga.saga().deadlineAt()).as("a stuck saga has no deadline").isNull();
    }

    @Test
    void aCompensationThatIsNeverConfirmedFailsTheSaga() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class)
                .reply(new PaymentDeclined(orderId, "credit limit reached"))
                .expectCompensation(ReleaseStock.class)
                .neverAnswer()
                .expectStatus(FAILED)
                .expectNoMoreCommands()
                .expectFailureReason(reason -> assertThat(reason)
                        .isEqualTo("no reply to compensate-reserve-stock after 5 attempt(s); compensation abandoned"));
    }

    @Test
    void aDuplicateReplyIsIgnoredAndRecordedAsIgnored() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class)
                .replyAgain()
                .expectReplyIgnored("saga is at authorize-payment")
                .expectState("authorize-payment")
                .expectNoMoreCommands();
    }

    @Test
    void aLateReplyAfterTheStepWasGivenUpChangesNothing() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class)
                .neverAnswer()
                .expectCompensation(VoidPayment.class)
                .replyTo(AuthorizePayment.class, new PaymentAuthorized(orderId, authorization))
                .expectReplyIgnored()
                .expectState("compensate-authorize-payment")
                .expectData(data -> assertThat(data.authorizationId()).isNull());
    }

    @Test
    void aReplyTheCurrentStepDoesNotExpectIsIgnored() {
        saga.start(twoBooks())
                .expectCommand(ReserveStock.class)
                .reply(new PaymentAuthorized(orderId, authorization))
                .expectReplyIgnored("does not expect payment.PaymentAuthorized")
                .expectState("reserve-stock");
    }

    @Test
    void aSecondStartForTheSameOrderStartsNothing() {
        saga.start(twoBooks())
                .start(twoBooks())
                .expectCommand(ReserveStock.class)
                .expectNoMoreCommands();
        assertThat(saga.timeline()).extracting(line -> line.kind())
                .containsExactly(Kind.SAGA_STARTED, Kind.COMMAND_SENT, Kind.START_IGNORED);
    }

    private void answerUpToShipping() {
        saga.expectCommand(ReserveStock.class).reply(new StockReserved(orderId))
                .expectCommand(AuthorizePayment.class).reply(new PaymentAuthorized(orderId, authorization))
                .expectCommand(DeductInventory.class).reply(new InventoryDeducted(orderId))
                .expectCommand(CapturePayment.class).reply(new PaymentCaptured(orderId));
    }

    private OrderCreated twoBooks() {
        return new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 2)), 5000);
    }
}
