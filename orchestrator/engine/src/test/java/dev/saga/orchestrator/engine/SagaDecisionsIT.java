package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.contract.risk.FraudReviewCleared;
import dev.saga.contract.risk.FraudReviewRejected;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The risk service's events deciding order-fulfilment v2's fraud review, through RabbitMQ ({@code saga.events} to
 * {@code orchestrator.decisions}) and PostgreSQL: at the review, before it (kept in the saga row), and before the
 * saga even exists (retried until it does).
 */
@Import(ParallelGroupsIT.Version2Loaded.class)
@DirtiesContext // its own definitions: closed after the class, so its listeners do not outlive it
class SagaDecisionsIT extends OrchestratorTestBase {

    private final UUID orderId = UUID.randomUUID();

    @BeforeEach
    void listenForCommands() {
        bindCommandQueue();
    }

    @Test
    void aClearanceAtTheReviewLetsTheSagaGoOn() {
        UUID sagaId = prepared(largeOrder());
        assertThat(sagas.find(sagaId).orElseThrow().machineState()).isEqualTo("fraud-review");

        publishEvent(new FraudReviewCleared(orderId, "risk rules", "customer alice is trusted"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sagas.find(sagaId).orElseThrow()
                .machineState()).isEqualTo("deduct-inventory"));
        assertThat(lines(sagaId, TimelineLog.Kind.SIGNAL_RECEIVED)).singleElement().satisfies(line ->
                assertThat(line.detail()).isEqualTo("event risk.FraudReviewCleared from risk: SUCCEEDED"));
    }

    @Test
    void aRejectionAtTheReviewCompensatesWhatRan() {
        UUID sagaId = prepared(largeOrder());

        publishEvent(new FraudReviewRejected(orderId, "risk rules", "customer alice is blocked"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sagas.find(sagaId).orElseThrow()
                .status()).isEqualTo(SagaStatus.COMPENSATING));
        assertThat(commands.awaitOne(message -> sagaId.equals(message.envelope().sagaId())
                && message.payload() instanceof VoidPayment).envelope().step())
                .as("the last branch first").isEqualTo("compensate-authorize-payment");
        assertThat(sagas.find(sagaId).orElseThrow().failureReason())
                .isEqualTo("fraud-review failed: event risk.FraudReviewRejected from risk");
    }

    @Test
    void aClearanceWhileTheBranchesRunIsKeptInTheRowAndDecidesTheReviewOnArrival() {
        UUID sagaId = largeOrder();

        publishEvent(new FraudReviewCleared(orderId, "risk rules", "customer alice is trusted"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !lines(sagaId, TimelineLog.Kind.DECISION_KEPT).isEmpty());
        assertThat(sagas.find(sagaId).orElseThrow().stepReplies()).contains("keptDecision");

        prepared(sagaId);

        SagaInstance after = sagas.find(sagaId).orElseThrow();
        assertThat(after.machineState()).isEqualTo("deduct-inventory");
        assertThat(after.stepReplies()).as("the kept decision is used up").doesNotContain("keptDecision");
    }

    @Test
    void aClearanceBeforeTheSagaExistsIsRetriedUntilItDoes() {
        publishEvent(new FraudReviewCleared(orderId, "risk rules", "customer alice is trusted"));
        UUID sagaId = largeOrder();

        await().atMost(Duration.ofSeconds(15)).until(() -> !lines(sagaId, TimelineLog.Kind.DECISION_KEPT).isEmpty());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_timeline WHERE saga_id = ? AND kind = ?",
                Integer.class, sagaId, TimelineLog.Kind.DECISION_KEPT.name())).isEqualTo(1);
    }

    /** A new order above the review limit, started over the API; it waits in {@code prepare}. */
    private UUID largeOrder() {
        Map<String, Object> body = orderCreated(orderId);
        body.put("amountCents", 250_000);
        var started = post(OPERATOR, "/api/sagas/" + ORDER_FULFILMENT, body, idempotencyKey("start-" + orderId));
        assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString(started.getBody().get("id").asText());
    }

    /** Both branches of {@code prepare} answered with success, in one batch. */
    private UUID prepared(UUID sagaId) {
        engine.applyReplies(List.of(replyAt(sagaId, "reserve-stock", new StockReserved(orderId)),
                replyAt(sagaId, "authorize-payment", new PaymentAuthorized(orderId, UUID.randomUUID()))));
        return sagaId;
    }

    private List<SagaTimeline.Entry> lines(UUID sagaId, TimelineLog.Kind kind) {
        return timeline.of(sagaId).stream().filter(line -> line.kind() == kind).toList();
    }
}
