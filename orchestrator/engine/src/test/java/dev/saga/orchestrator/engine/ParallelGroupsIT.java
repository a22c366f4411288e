package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.definition.SagaDefinition;
import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orderfulfilment.OrderFulfilmentSagaV2;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A parallel group on PostgreSQL: order-fulfilment v2 sends stock and payment together; the saga row keeps the
 * branches, its step timer is the earliest pending branch's, and both branch replies in one batch apply one after
 * the other against the locked row, written once.
 */
@Import(ParallelGroupsIT.Version2Loaded.class)
@DirtiesContext // its own definitions: closed after the class, so its listeners do not outlive it
class ParallelGroupsIT extends OrchestratorTestBase {

    /** Version 2 beside version 1, so new order sagas start on it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Version2Loaded {
        @Bean
        SagaDefinition<?> orderFulfilmentVersion2() {
            return OrderFulfilmentSagaV2.definition(new OrderFulfilmentSagaV2.Settings(100_000,
                    Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(2)));
        }
    }

    @Test
    void theGroupSendsBothCommandsAndTheRowKeepsEachBranch() {
        UUID sagaId = startOrder();
        UUID orderId = orderOf(sagaId);

        assertThat(sagas.find(sagaId).orElseThrow().machineState()).isEqualTo("prepare");
        assertThat(lines(sagaId, TimelineLog.Kind.COMMAND_SENT)).extracting(SagaTimeline.Entry::step)
                .containsExactly("reserve-stock", "authorize-payment");

        engine.applyReply(replyAt(sagaId, "reserve-stock", new StockReserved(orderId)));

        JsonNode saga = saga(sagaId);
        assertThat(saga.path("state").asText()).isEqualTo("prepare");
        assertThat(saga.path("branches").path("reserve-stock").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(saga.path("branches").path("authorize-payment").path("status").asText()).isEqualTo("PENDING");
        Instant paymentDue = Instant.parse(saga.path("branches").path("authorize-payment").path("due").asText());
        assertThat(jdbc.queryForObject("SELECT due_at FROM saga_timer WHERE saga_id = ? AND timer_kind ="
                + " 'STEP_DEADLINE'", Timestamp.class, sagaId).toInstant()).as("step timer")
                .isCloseTo(paymentDue, within(1, ChronoUnit.MILLIS));
        assertThat(saga.path("finishBy").isNull()).as("saga deadline shown").isFalse();
    }

    @Test
    void bothBranchRepliesInOneBatchApplyOneAfterTheOtherAndTheSagaGoesOn() {
        UUID sagaId = startOrder();
        UUID orderId = orderOf(sagaId);
        long started = sagas.find(sagaId).orElseThrow().version();

        engine.applyReplies(List.of(replyAt(sagaId, "authorize-payment", new PaymentAuthorized(orderId,
                UUID.randomUUID())), replyAt(sagaId, "reserve-stock", new StockReserved(orderId))));

        SagaInstance after = sagas.find(sagaId).orElseThrow();
        assertThat(after.machineState()).as("small order: the review is skipped").isEqualTo("deduct-inventory");
        assertThat(after.branches()).as("branches once the group is settled").isNull();
        assertThat(after.version()).as("one write for the batch").isEqualTo(started + 1);
        assertThat(lines(sagaId, TimelineLog.Kind.REPLY_APPLIED)).extracting(SagaTimeline.Entry::step)
                .containsExactly("authorize-payment", "reserve-stock");
        assertThat(lines(sagaId, TimelineLog.Kind.STEP_SKIPPED)).extracting(SagaTimeline.Entry::step)
                .containsExactly("fraud-review");
        assertThat(lines(sagaId, TimelineLog.Kind.COMMAND_SENT)).extracting(SagaTimeline.Entry::step)
                .containsExactly("reserve-stock", "authorize-payment", "deduct-inventory");
    }

    @Test
    void theDelayedCaptureIsATimerRowTheScannerFires() {
        UUID sagaId = startOrder();
        UUID orderId = orderOf(sagaId);
        engine.applyReplies(List.of(replyAt(sagaId, "reserve-stock", new StockReserved(orderId)),
                replyAt(sagaId, "authorize-payment", new PaymentAuthorized(orderId, UUID.randomUUID()))));
        engine.applyReply(replyAt(sagaId, "deduct-inventory", new InventoryDeducted(orderId)));

        assertThat(sagas.find(sagaId).orElseThrow().attempt()).as("attempt while the capture waits").isZero();
        assertThat(jdbc.queryForList("SELECT timer_kind FROM saga_timer WHERE saga_id = ? ORDER BY timer_kind",
                String.class, sagaId)).containsExactly("SAGA_DEADLINE", "STEP_DELAY");
        assertThat(lines(sagaId, TimelineLog.Kind.COMMAND_SENT)).extracting(SagaTimeline.Entry::step)
                .doesNotContain("capture-payment");

        // What a restarted orchestrator finds: the row alone, due. Its scanner sends the capture.
        jdbc.update("UPDATE saga_timer SET due_at = now() - interval '1 second' WHERE saga_id = ?"
                + " AND timer_kind = 'STEP_DELAY'", sagaId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines(sagaId,
                TimelineLog.Kind.COMMAND_SENT)).extracting(SagaTimeline.Entry::step).contains("capture-payment"));
        assertThat(sagas.find(sagaId).orElseThrow().attempt()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT timer_kind FROM saga_timer WHERE saga_id = ? ORDER BY timer_kind",
                String.class, sagaId)).containsExactly("SAGA_DEADLINE", "STEP_DEADLINE");
    }

    @Test
    void aDuplicateBranchReplyInTheSameBatchIsIgnored() {
        UUID sagaId = startOrder();
        UUID orderId = orderOf(sagaId);
        IncomingMessage reply = replyAt(sagaId, "reserve-stock", new StockReserved(orderId));

        engine.applyReplies(List.of(reply, reply));

        assertThat(lines(sagaId, TimelineLog.Kind.REPLY_APPLIED)).hasSize(1);
        assertThat(lines(sagaId, TimelineLog.Kind.REPLY_IGNORED)).singleElement()
                .satisfies(line -> assertThat(line.detail()).contains("is SUCCEEDED already"));
    }

    private UUID orderOf(UUID sagaId) {
        return UUID.fromString(sagas.find(sagaId).orElseThrow().businessKey());
    }

    private List<SagaTimeline.Entry> lines(UUID sagaId, TimelineLog.Kind kind) {
        return timeline.of(sagaId).stream().filter(line -> line.kind() == kind).toList();
    }
}
