package dev.saga.test.orderfulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
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
import dev.saga.contract.risk.FraudReviewCleared;
import dev.saga.contract.risk.FraudReviewRejected;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import dev.saga.orderfulfilment.OrderFulfilmentSagaV2;
import dev.saga.orderfulfilment.ReviewDecision;
import dev.saga.test.SagaTestKit;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every path of order-fulfilment v2 through the engine in memory: the parallel stock and payment branches, the
 * fraud review of large orders, the delayed capture and the saga's own deadline.
 */
class OrderFulfilmentV2PathsTest {

    /** Review above 1,000.00; capture 5 s after deduction; a review waits 1 hour; the saga may take 2 hours. */
    static final OrderFulfilmentSagaV2.Settings SETTINGS = new OrderFulfilmentSagaV2.Settings(100_000,
            Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(2));

    private final UUID orderId = UUID.randomUUID();

    private SagaTestKit<OrderFulfilmentData> order(long amountCents) {
        return SagaTestKit.of(OrderFulfilmentSagaV2.definition(SETTINGS))
                .start(new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 1)), amountCents))
                .expectCommand(ReserveStock.class)
                .expectCommand(AuthorizePayment.class)
                .expectState("prepare");
    }

    private SagaTestKit<OrderFulfilmentData> prepared(long amountCents) {
        return order(amountCents)
                .replyTo(ReserveStock.class, new StockReserved(orderId))
                .replyTo(AuthorizePayment.class, new PaymentAuthorized(orderId, UUID.randomUUID()));
    }

    private static SagaTestKit<OrderFulfilmentData> capturedAndShipped(SagaTestKit<OrderFulfilmentData> saga,
                                                                        UUID orderId) {
        return saga.expectCommand(DeductInventory.class).reply(new InventoryDeducted(orderId))
                .expectNoMoreCommands()
                .advance(Duration.ofSeconds(5))
                .expectCommand(CapturePayment.class).reply(new PaymentCaptured(orderId))
                .expectCommand(ScheduleShipment.class).reply(new ShipmentScheduled(orderId, UUID.randomUUID()))
                .expectCommand(ApproveOrder.class).reply(new OrderApproved(orderId))
                .expectStatus(SagaStatus.COMPLETED);
    }

    @Test
    void bothBranchesSucceedAndASmallOrderSkipsTheReviewAndCapturesAfterTheDelay() {
        SagaTestKit<OrderFulfilmentData> saga = capturedAndShipped(prepared(2500).expectSkipped("fraud-review"),
                orderId);

        assertThat(saga.timeline()).anyMatch(line -> line.kind() == TimelineLog.Kind.STEP_DELAYED
                && "capture-payment".equals(line.step()));
    }

    @Test
    void stockFailsWhilePaymentSucceedsAndTheAuthorizationIsVoided() {
        order(2500).replyTo(ReserveStock.class, new StockUnavailable(orderId, "SKU-BOOK", "SKU-BOOK is out of stock"))
                .expectNoMoreCommands()
                .replyTo(AuthorizePayment.class, new PaymentAuthorized(orderId, UUID.randomUUID()))
                .expectCompensations(VoidPayment.class, RejectOrder.class)
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void bothBranchesFailAndOnlyTheOrderIsRejected() {
        order(2500).replyTo(AuthorizePayment.class, new PaymentDeclined(orderId, "insufficient funds"))
                .replyTo(ReserveStock.class, new StockUnavailable(orderId, "SKU-BOOK", "SKU-BOOK is out of stock"))
                .expectCompensations(RejectOrder.class)
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void paymentDeclinedWhileStockStaysSilentSoItsDeadlinesFireThenBothAreCompensated() {
        order(2500).replyTo(AuthorizePayment.class, new PaymentDeclined(orderId, "insufficient funds"))
                .neverAnswer(ReserveStock.class)
                .expectCompensations(ReleaseStock.class, RejectOrder.class)
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void aLateStockReplyAfterTheCompensationBeganIsIgnoredAndTheStockIsReleased() {
        order(2500).replyTo(AuthorizePayment.class, new PaymentDeclined(orderId, "insufficient funds"))
                .neverAnswer(ReserveStock.class)
                .expectCompensation(ReleaseStock.class)
                .replyTo(ReserveStock.class, new StockReserved(orderId))
                .expectReplyIgnored("reply is for reserve-stock")
                .replyTo(ReleaseStock.class, new StockReleased(orderId))
                .expectCompensations(RejectOrder.class)
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void duplicateBranchRepliesAreIgnored() {
        order(2500).replyTo(ReserveStock.class, new StockReserved(orderId))
                .replyAgain().expectReplyIgnored("is SUCCEEDED already")
                .replyTo(AuthorizePayment.class, new PaymentAuthorized(orderId, UUID.randomUUID()))
                .replyAgain().expectReplyIgnored("reply is for authorize-payment")
                .expectCommand(DeductInventory.class)
                .expectNoMoreCommands();
    }

    @Test
    void aLargeOrderWaitsForTheReviewAndAnOperatorsApprovalLetsItGoOn() {
        SagaTestKit<OrderFulfilmentData> saga = prepared(250_000).expectState("fraud-review").expectNoMoreCommands()
                .signal("approve", new ReviewDecision("carol", null));

        capturedAndShipped(saga, orderId);
    }

    @Test
    void theRiskServiceClearsTheReviewByItsEvent() {
        SagaTestKit<OrderFulfilmentData> saga = prepared(250_000).expectState("fraud-review")
                .publish(new FraudReviewCleared(orderId, "risk rules", "customer alice is trusted"));

        capturedAndShipped(saga, orderId);
        assertThat(saga.timeline()).anyMatch(line -> line.kind() == TimelineLog.Kind.SIGNAL_RECEIVED
                && line.detail().equals("event risk.FraudReviewCleared from risk: SUCCEEDED"));
    }

    @Test
    void aClearanceThatComesWhileTheBranchesRunIsKeptAndDecidesTheReviewOnArrival() {
        SagaTestKit<OrderFulfilmentData> saga = order(250_000)
                .publish(new FraudReviewCleared(orderId, "risk rules", "customer alice is trusted"))
                .expectState("prepare")
                .replyAgain().expectReplyIgnored("a decision for fraud-review is kept already")
                .replyTo(ReserveStock.class, new StockReserved(orderId))
                .replyTo(AuthorizePayment.class, new PaymentAuthorized(orderId, UUID.randomUUID()));

        capturedAndShipped(saga, orderId);
        assertThat(saga.timeline()).anyMatch(line -> line.kind() == TimelineLog.Kind.DECISION_KEPT
                && "fraud-review".equals(line.step()));
    }

    @Test
    void theRiskServiceRejectsTheReviewByItsEventAndEverythingIsCompensated() {
        prepared(250_000).publish(new FraudReviewRejected(orderId, "risk rules", "customer mallory is blocked"))
                .expectCompensations(VoidPayment.class, ReleaseStock.class, RejectOrder.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectData(data -> assertThat(data.rejectionReason())
                        .isEqualTo("fraud review: rejected by risk rules (customer mallory is blocked)"));
    }

    @Test
    void aDecisionAfterTheReviewWasDecidedChangesNothing() {
        prepared(250_000).signal("approve", new ReviewDecision("carol", null))
                .expectCommand(DeductInventory.class)
                .publish(new FraudReviewRejected(orderId, "risk rules", "customer alice is blocked"))
                .expectReplyIgnored("not before or at fraud-review")
                .expectState("deduct-inventory");
    }

    @Test
    void aSmallOrderSkipsTheReviewSoAClearanceForItIsKeptButNeverUsed() {
        capturedAndShipped(order(2500).publish(new FraudReviewCleared(orderId, "risk rules", "trusted"))
                .replyTo(ReserveStock.class, new StockReserved(orderId))
                .replyTo(AuthorizePayment.class, new PaymentAuthorized(orderId, UUID.randomUUID()))
                .expectSkipped("fraud-review"), orderId);
    }

    @Test
    void aRejectedReviewReleasesTheStockVoidsThePaymentAndRejectsTheOrder() {
        prepared(250_000).signal("reject", new ReviewDecision("carol", "card reported stolen"))
                .expectCompensations(VoidPayment.class, ReleaseStock.class, RejectOrder.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectData(data -> assertThat(data.rejectionReason())
                        .isEqualTo("fraud review: rejected by carol (card reported stolen)"));
    }

    @Test
    void aReviewNobodyDecidesInTimeFailsTheOrder() {
        prepared(250_000).advance(Duration.ofHours(1))
                .expectCompensations(VoidPayment.class, ReleaseStock.class, RejectOrder.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectFailureReason(reason -> assertThat(reason).contains("fraud-review expired undecided"));
    }

    @Test
    void theSagaDeadlineBeforeThePivotCompensates() {
        prepared(250_000).advance(Duration.ofMinutes(59))
                .signal("approve", new ReviewDecision("carol", null))
                .expectCommand(DeductInventory.class)
                .advance(Duration.ofMinutes(61))
                .expectResend(DeductInventory.class)
                .expectCompensations(VoidPayment.class, ReleaseStock.class, RejectOrder.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectFailureReason(reason -> assertThat(reason).contains("saga deadline of PT2H expired"));
    }

    @Test
    void theSagaDeadlineAfterThePivotLeavesItStuck() {
        prepared(2500).expectCommand(DeductInventory.class).reply(new InventoryDeducted(orderId))
                .advance(Duration.ofSeconds(5))
                .expectCommand(CapturePayment.class).reply(new PaymentCaptured(orderId))
                .expectCommand(ScheduleShipment.class)
                .advance(Duration.ofHours(2))
                .expectStatus(SagaStatus.STUCK)
                .expectFailureReason(reason -> assertThat(reason).contains("past the pivot"));
    }

    @Test
    void theCaptureWaitsOutItsDelayAsATimerThatOutlivesTheProcess() {
        SagaTestKit<OrderFulfilmentData> saga = prepared(2500)
                .expectCommand(DeductInventory.class).reply(new InventoryDeducted(orderId))
                .expectState("capture-payment").expectNoMoreCommands();

        assertThat(saga.saga().attempt()).as("attempt while the capture waits").isZero();
        assertThat(saga.saga().deadlineAt()).as("when the capture is sent").isEqualTo(saga.now().plusSeconds(5));
    }

    @Test
    void everyCompensationSurvivesATimeoutOfItsBranch() {
        assertThatCode(() -> SagaTestKit.of(OrderFulfilmentSagaV2.definition(SETTINGS))
                .expectEveryCompensationToSurviveATimeout(
                        new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 1)), 2500)))
                .doesNotThrowAnyException();
    }

    @Test
    void version1StaysLoadedBesideItAndItsSharedStatesMayMove() {
        assertThatCode(() -> new SagaCatalog(List.of(OrderFulfilmentSaga.DEFINITION,
                OrderFulfilmentSagaV2.definition(SETTINGS)), List.of(OrderFulfilmentSagaV2.fromVersion1(
                OrderFulfilmentSagaV2.definition(SETTINGS))), SagaTestKit.DECLARED_DEADLINES))
                .doesNotThrowAnyException();
    }
}
